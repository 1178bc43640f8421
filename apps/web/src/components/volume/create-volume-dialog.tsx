"use client";

import { type FormEvent, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { volumeCreate } from "@/lib/openstack-cli/volume";
import { useFormErrors } from "@/lib/use-form-errors";
import { CreateVolumeFormSchema } from "@/lib/volume/volume-form-schemas";
import { trpc } from "@/trpc/react";

const SOURCE_KINDS = ["empty", "image", "snapshot", "volume"] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

const SOURCE_OPTIONS = [
  { value: "empty", label: "No source (empty volume)" },
  { value: "image", label: "Image" },
  { value: "snapshot", label: "Volume snapshot" },
  { value: "volume", label: "Another volume (clone)" },
];

/**
 * Creates a volume, empty or from an image, snapshot or volume. The size
 * follows the source's minimum; progress shows in the table afterwards
 * (the row is `creating`/`downloading` and updates live).
 */
export function CreateVolumeDialog({
  open,
  onClose,
  initialSource,
}: {
  open: boolean;
  onClose: () => void;
  initialSource?: { kind: SourceKind; id: string } | undefined;
}) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const [kind, setKind] = useState<SourceKind>(initialSource?.kind ?? "empty");
  const [sourceId, setSourceId] = useState(initialSource?.id ?? "");
  const options = trpc.volume.createOptions.useQuery(undefined, { enabled: open });
  const create = trpc.volume.create.useMutation({
    onSuccess: (volume) => {
      void utils.volume.list.invalidate();
      void utils.compute.overview.invalidate();
      toast.show(`Volume ${volume.name} is being created.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const data = options.data;
  const sources =
    kind === "image"
      ? (data?.images ?? []).map((i) => ({
          value: i.id,
          label: `${i.name} (min ${i.minSize} GiB)`,
          size: i.minSize,
        }))
      : kind === "snapshot"
        ? (data?.snapshots ?? []).map((s) => ({
            value: s.id,
            label: `${s.name} (${s.size} GiB)`,
            size: s.size,
          }))
        : kind === "volume"
          ? (data?.volumes ?? []).map((v) => ({
              value: v.id,
              label: `${v.name} (${v.size} GiB)`,
              size: v.size,
            }))
          : [];
  const minSize = sources.find((s) => s.value === sourceId)?.size ?? 1;
  const quota = data?.quota;
  const left = (u: { used: number; limit: number } | undefined) =>
    u && u.limit >= 0 ? Math.max(0, u.limit - u.used) : null;
  const gbLeft = left(quota?.gigabytes);
  const volumesLeft = left(quota?.volumes);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(CreateVolumeFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    if (result.data.size < minSize) {
      return errors.showFieldErrors({ size: `The source needs at least ${minSize} GiB.` });
    }
    create.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title="Create volume"
      description="A block device you can attach to instances. It keeps its data when instances are deleted."
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField label="Name" name="name" required maxLength={255} error={errors.fields.name} autoFocus />
        <TextField label="Description" name="description" maxLength={255} error={errors.fields.description} />
        <SelectField
          label="Source"
          name="sourceKind"
          value={kind}
          onChange={(e) => {
            setKind(SOURCE_KINDS.find((k) => k === e.target.value) ?? "empty");
            setSourceId("");
          }}
          options={SOURCE_OPTIONS}
        />
        {kind !== "empty" ? (
          <SelectField
            label={kind === "image" ? "Image" : kind === "snapshot" ? "Snapshot" : "Volume"}
            name="sourceId"
            value={sourceId}
            onChange={(e) => setSourceId(e.target.value)}
            placeholder={options.isLoading ? "Loading…" : `Choose a ${kind}`}
            options={sources}
            error={errors.fields.sourceId}
            hint={options.isSuccess && sources.length === 0 ? `There is no ${kind} to use.` : undefined}
          />
        ) : null}
        <TextField
          key={`size-${minSize}`}
          label="Size (GiB)"
          name="size"
          type="number"
          min={minSize}
          step={1}
          defaultValue={String(minSize)}
          error={errors.fields.size}
          hint={gbLeft !== null ? `${gbLeft} GiB of the project's quota left.` : undefined}
        />
        <SelectField
          label="Type"
          name="volumeType"
          placeholder="Default type"
          options={(data?.types ?? []).map((t) => ({
            value: t.name,
            label: t.description ? `${t.name} — ${t.description}` : t.name,
          }))}
          error={errors.fields.volumeType}
        />
        <SelectField
          label="Availability zone"
          name="availabilityZone"
          placeholder="Any zone"
          options={(data?.zones ?? []).map((z) => ({ value: z, label: z }))}
          error={errors.fields.availabilityZone}
        />
        <FormError
          message={
            errors.formError ??
            (options.error ? "The choices could not be loaded. Try again." : null) ??
            (volumesLeft === 0 ? "The project has no volume quota left." : null)
          }
        />
        <DialogActions
          cli={(v) =>
            volumeCreate({
              name: v.name ?? "",
              description: v.description,
              size: v.size ?? "",
              source: { kind, id: sourceId },
              volumeType: v.volumeType,
              availabilityZone: v.availabilityZone,
            })
          }
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending} disabled={volumesLeft === 0}>
            Create volume
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
