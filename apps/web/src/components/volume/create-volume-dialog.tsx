"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
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
import { volumeFormSchemas } from "@/lib/volume/volume-form-schemas";
import { trpc } from "@/trpc/react";

const SOURCE_KINDS = ["empty", "image", "snapshot", "volume"] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

const SOURCE_LABEL_KEYS = {
  empty: "sourceEmpty",
  image: "sourceImage",
  snapshot: "sourceSnapshot",
  volume: "sourceVolume",
} as const;

const PICK_LABEL_KEYS = { image: "pickImage", snapshot: "pickSnapshot", volume: "pickVolume" } as const;

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
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const schemas = useMemo(() => volumeFormSchemas(t), [t]);
  const sourceOptions = useMemo(
    () => SOURCE_KINDS.map((k) => ({ value: k, label: t(`create.${SOURCE_LABEL_KEYS[k]}`) })),
    [t],
  );
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
      toast.show(t("create.startedToast", { name: volume.name }));
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
          label: t("create.imageOption", { name: i.name, size: format.number(i.minSize) }),
          size: i.minSize,
        }))
      : kind === "snapshot"
        ? (data?.snapshots ?? []).map((s) => ({
            value: s.id,
            label: t("create.sizedOption", { name: s.name, size: format.number(s.size) }),
            size: s.size,
          }))
        : kind === "volume"
          ? (data?.volumes ?? []).map((v) => ({
              value: v.id,
              label: t("create.sizedOption", { name: v.name, size: format.number(v.size) }),
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
    const result = validateForm(schemas.createVolume, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    if (result.data.size < minSize) {
      return errors.showFieldErrors({ size: t("validation.sourceNeeds", { size: minSize }) });
    }
    create.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("create.title")} description={t("create.description")}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("create.name")}
          name="name"
          required
          maxLength={255}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label={t("create.descriptionField")}
          name="description"
          maxLength={255}
          error={errors.fields.description}
        />
        <SelectField
          label={t("create.source")}
          name="sourceKind"
          value={kind}
          onChange={(e) => {
            setKind(SOURCE_KINDS.find((k) => k === e.target.value) ?? "empty");
            setSourceId("");
          }}
          options={sourceOptions}
        />
        {kind !== "empty" ? (
          <SelectField
            label={t(`create.${PICK_LABEL_KEYS[kind]}`)}
            name="sourceId"
            value={sourceId}
            onChange={(e) => setSourceId(e.target.value)}
            placeholder={options.isLoading ? tCommon("loading") : t("create.choose", { kind })}
            options={sources}
            error={errors.fields.sourceId}
            hint={options.isSuccess && sources.length === 0 ? t("create.noneToUse", { kind }) : undefined}
          />
        ) : null}
        <TextField
          key={`size-${minSize}`}
          label={t("create.size")}
          name="size"
          type="number"
          min={minSize}
          step={1}
          defaultValue={String(minSize)}
          error={errors.fields.size}
          hint={gbLeft !== null ? t("create.quotaLeft", { size: format.number(gbLeft) }) : undefined}
        />
        <SelectField
          label={t("create.type")}
          name="volumeType"
          placeholder={t("create.defaultType")}
          options={(data?.types ?? []).map((type) => ({
            value: type.name,
            label: type.description
              ? t("create.typeOption", { name: type.name, description: type.description })
              : type.name,
          }))}
          error={errors.fields.volumeType}
        />
        <SelectField
          label={t("create.zone")}
          name="availabilityZone"
          placeholder={t("create.anyZone")}
          options={(data?.zones ?? []).map((z) => ({ value: z, label: z }))}
          error={errors.fields.availabilityZone}
        />
        <FormError
          message={
            errors.formError ??
            (options.error ? t("create.optionsFailed") : null) ??
            (volumesLeft === 0 ? t("create.noQuota") : null)
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
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending} disabled={volumesLeft === 0}>
            {t("create.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
