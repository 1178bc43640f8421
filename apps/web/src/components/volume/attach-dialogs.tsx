"use client";

import { Unplug } from "lucide-react";
import Link from "next/link";
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
import { serverAddNewVolume, serverAddVolume, serverRemoveVolume } from "@/lib/openstack-cli/volume";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { volumeFormSchemas } from "@/lib/volume/volume-form-schemas";
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
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const schemas = useMemo(() => volumeFormSchemas(t), [t]);
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useAttachRefresh();
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const options = trpc.volume.attachments.options.useQuery();
  const attach = trpc.volume.attachments.attach.useMutation({
    onSuccess: (res) => {
      refresh();
      toast.show(
        res.device
          ? t("attach.attachingAsToast", { instance: instance.name, device: res.device })
          : t("attach.attachingToast", { instance: instance.name }),
      );
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const result = validateForm(schemas.attachVolume, { ...values, mode });
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
    <Dialog open onClose={onClose} title={t("attach.title", { name: instance.name })}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">{t("attach.modeLegend")}</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="existing"
              checked={mode === "existing"}
              onChange={() => setMode("existing")}
              className="accent-[var(--accent)]"
            />
            {t("attach.existing")}
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
            {t("attach.new")}
          </label>
        </fieldset>
        {mode === "existing" ? (
          <SelectField
            label={t("attach.volume")}
            name="volumeId"
            placeholder={options.isLoading ? tCommon("loading") : t("attach.chooseVolume")}
            options={volumes.map((v) => ({
              value: v.id,
              label: t("attach.option", { name: v.name, size: format.number(v.size) }),
            }))}
            error={errors.fields.volumeId}
            hint={options.isSuccess && volumes.length === 0 ? t("attach.noneAvailable") : undefined}
            autoFocus
          />
        ) : (
          <>
            <TextField
              label={t("attach.name")}
              name="name"
              defaultValue={`${instance.name}-data`}
              error={errors.fields.name}
              autoFocus
            />
            <TextField
              label={t("attach.size")}
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
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={attach.isPending}>
            {mode === "new" ? t("attach.createAndAttach") : t("attach.attach")}
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
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
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
      toast.show(t("manage.attachingToast", { name: label }));
      onClose();
    },
    onError: errors.showError,
  });
  const detach = trpc.volume.attachments.detach.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(t("manage.detachingToast", { name: label }));
      onClose();
    },
  });
  const candidates = (instances.data?.items ?? []).filter((i) => ATTACHABLE_INSTANCE.has(i.status));
  return (
    <Dialog open onClose={onClose} title={t("manage.title", { name: label })}>
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
                  aria-label={t("manage.detachFrom", { instance: a.serverName ?? a.serverId })}
                >
                  <Unplug size={15} aria-hidden /> {t("manage.detach")}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">{t("manage.notAttached")}</p>
        )}
        <FormError message={detach.error ? errorMessageOf(detach.error) : null} />
        {available ? (
          <form
            noValidate
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              const serverId = formValues(e.currentTarget).serverId;
              if (!serverId) return errors.showFieldErrors({ serverId: t("validation.chooseInstance") });
              attach.mutate({ serverId, volumeId: volume.id });
            }}
          >
            <SelectField
              label={t("manage.attachTo")}
              name="serverId"
              placeholder={instances.isLoading ? tCommon("loading") : t("manage.chooseInstance")}
              options={candidates.map((i) => ({ value: i.id, label: i.name || i.id }))}
              error={errors.fields.serverId}
            />
            <FormError message={errors.formError} />
            <DialogActions
              cli={(v) => serverAddVolume({ serverId: v.serverId || "<server>", volumeId: volume.id })}
            >
              <Button onClick={onClose}>{tCommon("close")}</Button>
              <Button type="submit" variant="primary" busy={attach.isPending}>
                {t("manage.submit")}
              </Button>
            </DialogActions>
          </form>
        ) : (
          <DialogActions
            cli={volume.attachments.flatMap((a) =>
              serverRemoveVolume({ serverId: a.serverId, volumeId: volume.id }),
            )}
          >
            <Button onClick={onClose}>{tCommon("close")}</Button>
          </DialogActions>
        )}
      </div>
    </Dialog>
  );
}
