"use client";

import { type FormEvent, useState } from "react";
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
import { AcceptTransferFormSchema, TransferFormSchema } from "@/lib/volume/volume-form-schemas";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Created = RouterOutputs["volume"]["transfers"]["create"];

function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex items-center gap-2">
        <code className="flex-1 rounded-md border border-border bg-surface-muted px-2 py-1.5 font-mono text-sm break-all">
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
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
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const [created, setCreated] = useState<Created | null>(null);
  const create = trpc.volume.transfers.create.useMutation({
    onSuccess: (t) => {
      void utils.volume.invalidate();
      setCreated(t);
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(TransferFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate({ volumeId: volume.id, name: result.data.name });
  };
  const label = volume.name || volume.id;
  if (created) {
    return (
      <Dialog
        open
        onClose={onClose}
        title="Transfer created"
        description="Give both values to the receiving project."
      >
        <div className="grid gap-4">
          <Secret label="Transfer ID" value={created.id} />
          <Secret label="Authorization key" value={created.authKey} />
          <p role="note" className="rounded-md border border-warning bg-warning-soft px-3 py-2 text-sm">
            The authorization key is shown only now. Copy it before closing this dialog.
          </p>
          <DialogActions>
            <Button variant="primary" onClick={onClose}>
              Done
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
      title={`Transfer ${label}`}
      description="Another project accepts it with the transfer ID and key; until then the volume awaits transfer."
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label="Transfer name"
          name="name"
          defaultValue={label}
          error={errors.fields.name}
          autoFocus
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeTransferCreate({ volumeId: volume.id, name: v.name })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create transfer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Takes over a volume another project offered, with its transfer ID and key. */
export function TransferAcceptDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const errors = useFormErrors();
  const toast = useToast();
  const utils = trpc.useUtils();
  const accept = trpc.volume.transfers.accept.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      void utils.compute.overview.invalidate();
      toast.show("Transfer accepted: the volume is now this project's.");
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(AcceptTransferFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    accept.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={cancel} title="Accept volume transfer">
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField label="Transfer ID" name="id" error={errors.fields.id} autoComplete="off" autoFocus />
        <TextField
          label="Authorization key"
          name="authKey"
          error={errors.fields.authKey}
          autoComplete="off"
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeTransferAccept({ transferId: v.id ?? "" })}>
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={accept.isPending}>
            Accept transfer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
