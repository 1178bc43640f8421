"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { volumeTransferAccept, volumeTransferCreate } from "@/lib/openstack-cli/volume";
import { useFormErrors } from "@/lib/use-form-errors";
import { volumeFormSchemas } from "@/lib/volume/volume-form-schemas";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Created = RouterOutputs["volume"]["transfers"]["create"];

function Secret({ label, copyLabel, value }: { label: string; copyLabel: string; value: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex items-center gap-2">
        <code className="flex-1 rounded-md border border-border bg-surface-muted px-2 py-1.5 font-mono text-sm break-all">
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </div>
  );
}

/**
 * Offers a volume to another project. The transfer ID and authorization key
 * are shown once, after creation: the cloud never shows the key again.
 */
export function TransferCreateDialog({
  volume,
  onClose,
}: {
  volume: { id: string; name: string };
  onClose: () => void;
}) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const schemas = useMemo(() => volumeFormSchemas(t), [t]);
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const [created, setCreated] = useState<Created | null>(null);
  const create = trpc.volume.transfers.create.useMutation({
    onSuccess: (transfer) => {
      void utils.volume.invalidate();
      setCreated(transfer);
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.transfer, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate({ volumeId: volume.id, name: result.data.name });
  };
  const label = volume.name || volume.id;
  if (created) {
    return (
      <Dialog
        open
        onClose={onClose}
        title={t("transfer.createdTitle")}
        description={t("transfer.createdDescription")}
      >
        <div className="grid gap-4">
          <Secret
            label={t("transfer.transferId")}
            copyLabel={t("transfer.copyTransferId")}
            value={created.id}
          />
          <Secret
            label={t("transfer.authKey")}
            copyLabel={t("transfer.copyAuthKey")}
            value={created.authKey}
          />
          <p role="note" className="rounded-md border border-warning bg-warning-soft px-3 py-2 text-sm">
            {t("transfer.keyOnce")}
          </p>
          <DialogActions>
            <Button variant="primary" onClick={onClose}>
              {tCommon("done")}
            </Button>
          </DialogActions>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("transfer.title", { name: label })}
      description={t("transfer.description")}
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("transfer.name")}
          name="name"
          defaultValue={label}
          error={errors.fields.name}
          autoFocus
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeTransferCreate({ volumeId: volume.id, name: v.name })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("transfer.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Takes over a volume another project offered, with its transfer ID and key. */
export function TransferAcceptDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const schemas = useMemo(() => volumeFormSchemas(t), [t]);
  const errors = useFormErrors();
  const toast = useToast();
  const utils = trpc.useUtils();
  const accept = trpc.volume.transfers.accept.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      void utils.compute.overview.invalidate();
      toast.show(t("transfer.acceptedToast"));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.acceptTransfer, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    accept.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={cancel} title={t("transfer.acceptTitle")}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("transfer.transferId")}
          name="id"
          error={errors.fields.id}
          autoComplete="off"
          autoFocus
        />
        <TextField
          label={t("transfer.authKey")}
          name="authKey"
          error={errors.fields.authKey}
          autoComplete="off"
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeTransferAccept({ transferId: v.id ?? "" })}>
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={accept.isPending}>
            {t("transfer.accept")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
