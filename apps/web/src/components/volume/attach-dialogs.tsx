"use client";

import { Unplug } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { serverAddNewVolume, serverAddVolume, serverRemoveVolume } from "@/lib/openstack-cli/volume";
import { errorMessageOf } from "@/lib/trpc-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { AttachVolumeFormSchema } from "@/lib/volume/volume-form-schemas";
import { trpc } from "@/trpc/react";
import type { VolumeRow } from "./volume-action-dialogs";

/** Statuses in which Nova attaches volumes (a running or stopped guest). */
const ATTACHABLE_INSTANCE = new Set(["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"]);

function useAttachRefresh() {
  const utils = trpc.useUtils();
  return () => {
    void utils.volume.invalidate();
    void utils.compute.instances.invalidate();
  };
}

/**
 * "Attach volume" from an instance: pick an available volume, or create an
 * empty one in the same dialog (the BFF creates it, waits until it is
 * available, and attaches it).
 */
export function AttachVolumeDialog({
  instance,
  onClose,
}: {
  instance: { id: string; name: string };
  onClose: () => void;
}) {
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useAttachRefresh();
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const options = trpc.volume.attachments.options.useQuery();
  const attach = trpc.volume.attachments.attach.useMutation({
    onSuccess: (res) => {
      refresh();
      toast.show(`Volume attaching to ${instance.name}${res.device ? ` as ${res.device}` : ""}.`);
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const result = validateForm(AttachVolumeFormSchema, { ...values, mode });
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const v = result.data;
    attach.mutate(
      v.mode === "existing"
        ? { serverId: instance.id, volumeId: v.volumeId }
        : { serverId: instance.id, create: { name: v.name ?? "", size: Number(v.size) } },
    );
  };
  const volumes = options.data?.volumes ?? [];
  return (
    <Dialog open onClose={onClose} title={`Attach volume to ${instance.name}`}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Volume</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="existing"
              checked={mode === "existing"}
              onChange={() => setMode("existing")}
              className="accent-[var(--accent)]"
            />
            An available volume
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="new"
              checked={mode === "new"}
              onChange={() => setMode("new")}
              className="accent-[var(--accent)]"
            />
            A new empty volume
          </label>
        </fieldset>
        {mode === "existing" ? (
          <SelectField
            label="Volume"
            name="volumeId"
            placeholder={options.isLoading ? "Loading…" : "Choose a volume"}
            options={volumes.map((v) => ({ value: v.id, label: `${v.name} (${v.size} GiB)` }))}
            error={errors.fields.volumeId}
            hint={
              options.isSuccess && volumes.length === 0
                ? "No volume is available: create one here instead."
                : undefined
            }
            autoFocus
          />
        ) : (
          <>
            <TextField
              label="Name"
              name="name"
              defaultValue={`${instance.name}-data`}
              error={errors.fields.name}
              autoFocus
            />
            <TextField
              label="Size (GiB)"
              name="size"
              type="number"
              min={1}
              defaultValue="1"
              error={errors.fields.size}
            />
          </>
        )}
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            mode === "existing"
              ? serverAddVolume({ serverId: instance.id, volumeId: v.volumeId ?? "" })
              : serverAddNewVolume({ serverId: instance.id, name: v.name ?? "", size: v.size ?? "" })
          }
        >
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={attach.isPending}>
            {mode === "new" ? "Create and attach" : "Attach"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * "Manage attachments" from a volume: where it is attached (detach from
 * there), and, while it is available, attach it to an instance.
 */
export function ManageAttachmentsDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useAttachRefresh();
  const label = volume.name || volume.id;
  const available = volume.status === "available";
  const instances = trpc.compute.instances.list.useQuery(
    { pageSize: 100, sort: "name" },
    { enabled: available },
  );
  const attach = trpc.volume.attachments.attach.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Volume ${label} is attaching.`);
      onClose();
    },
    onError: errors.showError,
  });
  const detach = trpc.volume.attachments.detach.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Volume ${label} is detaching.`);
      onClose();
    },
  });
  const candidates = (instances.data?.items ?? []).filter((i) => ATTACHABLE_INSTANCE.has(i.status));
  return (
    <Dialog open onClose={onClose} title={`Manage attachments of ${label}`}>
      <div className="grid gap-4">
        {volume.attachments.length > 0 ? (
          <ul className="grid gap-2">
            {volume.attachments.map((a) => (
              <li
                key={a.serverId}
                className="flex items-center justify-between gap-2 rounded-md border border-border px-3 py-2 text-sm"
              >
                <span>
                  <Link href={`/project/instances/${a.serverId}`} className="text-accent hover:underline">
                    {a.serverName ?? a.serverId}
                  </Link>{" "}
                  {a.device ? <code className="text-xs text-fg-muted">{a.device}</code> : null}
                </span>
                <Button
                  size="sm"
                  onClick={() => detach.mutate({ serverId: a.serverId, volumeId: volume.id })}
                  busy={detach.isPending}
                  aria-label={`Detach from ${a.serverName ?? a.serverId}`}
                >
                  <Unplug size={15} aria-hidden /> Detach
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">Not attached to any instance.</p>
        )}
        <FormError message={detach.error ? errorMessageOf(detach.error) : null} />
        {available ? (
          <form
            noValidate
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              const serverId = formValues(e.currentTarget).serverId;
              if (!serverId) return errors.showFieldErrors({ serverId: "Choose an instance." });
              attach.mutate({ serverId, volumeId: volume.id });
            }}
          >
            <SelectField
              label="Attach to instance"
              name="serverId"
              placeholder={instances.isLoading ? "Loading…" : "Choose an instance"}
              options={candidates.map((i) => ({ value: i.id, label: i.name || i.id }))}
              error={errors.fields.serverId}
            />
            <FormError message={errors.formError} />
            <DialogActions
              cli={(v) => serverAddVolume({ serverId: v.serverId || "<server>", volumeId: volume.id })}
            >
              <Button onClick={onClose}>Close</Button>
              <Button type="submit" variant="primary" busy={attach.isPending}>
                Attach volume
              </Button>
            </DialogActions>
          </form>
        ) : (
          <DialogActions
            cli={volume.attachments.flatMap((a) =>
              serverRemoveVolume({ serverId: a.serverId, volumeId: volume.id }),
            )}
          >
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        )}
      </div>
    </Dialog>
  );
}
