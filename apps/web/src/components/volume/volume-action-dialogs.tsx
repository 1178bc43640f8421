"use client";

import { type FormEvent, useState } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import {
  volumeDelete,
  volumeExtend,
  volumeSet,
  volumeSnapshotCreate,
  volumeUploadToImage,
} from "@/lib/openstack-cli/volume";
import { errorMessageOf } from "@/lib/trpc-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import {
  EditVolumeFormSchema,
  extendFormSchema,
  SnapshotFormSchema,
  UploadImageFormSchema,
} from "@/lib/volume/volume-form-schemas";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { TransferCreateDialog } from "./transfer-dialogs";

export type VolumeRow = RouterOutputs["volume"]["list"]["items"][number];
export type VolumeDialogKind = "extend" | "edit" | "snapshot" | "upload" | "transfer" | "delete";
export interface VolumeDialogState {
  kind: VolumeDialogKind;
  volume: VolumeRow;
}

const labelOf = (v: VolumeRow) => v.name || v.id;

/** Invalidate what a volume change shows on: lists, the detail, the overview's quota. */
function useVolumeRefresh() {
  const utils = trpc.useUtils();
  return () => {
    void utils.volume.invalidate();
    void utils.compute.overview.invalidate();
  };
}

function ExtendDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const extend = trpc.volume.extend.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Volume ${labelOf(volume)} is being extended.`);
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(extendFormSchema(volume.size), formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    extend.mutate({ id: volume.id, newSize: result.data.newSize });
  };
  return (
    <Dialog open onClose={onClose} title={`Extend ${labelOf(volume)}`} description="Volumes only grow.">
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label="New size (GiB)"
          name="newSize"
          type="number"
          min={volume.size + 1}
          defaultValue={String(volume.size + 1)}
          error={errors.fields.newSize}
          hint={`Now ${volume.size} GiB.${volume.status === "in-use" ? " The guest sees the new size when its driver supports online resize." : ""}`}
          autoFocus
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeExtend({ volumeId: volume.id, newSize: v.newSize ?? "" })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={extend.isPending}>
            Extend
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function EditDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const update = trpc.volume.update.useMutation({
    onSuccess: (v) => {
      refresh();
      toast.show(`Volume ${labelOf(v)} updated.`);
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(EditVolumeFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: volume.id, ...result.data });
  };
  return (
    <Dialog open onClose={onClose} title={`Edit ${labelOf(volume)}`}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField label="Name" name="name" defaultValue={volume.name} error={errors.fields.name} autoFocus />
        <TextField
          label="Description"
          name="description"
          defaultValue={volume.description}
          error={errors.fields.description}
        />
        <CheckboxField
          label="Bootable (instances can boot from it)"
          name="bootable"
          defaultChecked={volume.bootable}
        />
        <CheckboxField
          label="Read-only (attached read-only)"
          name="readonly"
          defaultChecked={volume.readonly}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            volumeSet({
              volumeId: volume.id,
              name: v.name ?? "",
              description: v.description ?? "",
              bootable: v.bootable === "on",
              readonly: v.readonly === "on",
            })
          }
        >
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={update.isPending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function SnapshotDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const attached = volume.attachments.length > 0;
  const create = trpc.volume.snapshots.create.useMutation({
    onSuccess: (s) => {
      refresh();
      toast.show(`Snapshot ${s.name} is being created.`);
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(SnapshotFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate({ volumeId: volume.id, ...result.data, force: attached });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Create snapshot of ${labelOf(volume)}`}
      description={
        attached
          ? "The volume is attached: the snapshot holds what was on disk (like pulling the plug), not what the guest still caches."
          : undefined
      }
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label="Snapshot name"
          name="name"
          defaultValue={`${labelOf(volume)}-snap`}
          error={errors.fields.name}
          autoFocus
        />
        <TextField label="Description" name="description" error={errors.fields.description} />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            volumeSnapshotCreate({
              volumeId: volume.id,
              name: v.name ?? "",
              description: v.description,
              force: attached,
            })
          }
        >
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create snapshot
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function UploadImageDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const refresh = useVolumeRefresh();
  const upload = trpc.volume.uploadToImage.useMutation({
    onSuccess: () => {
      refresh();
      void utils.images.invalidate();
      toast.show(`Volume ${labelOf(volume)} is being uploaded to an image.`);
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(UploadImageFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    upload.mutate({ id: volume.id, ...result.data, force: volume.attachments.length > 0 });
  };
  return (
    <Dialog open onClose={onClose} title={`Upload ${labelOf(volume)} to an image`}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label="Image name"
          name="imageName"
          defaultValue={labelOf(volume)}
          error={errors.fields.imageName}
          autoFocus
        />
        <SelectField
          label="Disk format"
          name="diskFormat"
          defaultValue="raw"
          options={[
            { value: "raw", label: "Raw" },
            { value: "qcow2", label: "QCOW2" },
          ]}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            volumeUploadToImage({
              volumeId: volume.id,
              imageName: v.imageName ?? "",
              diskFormat: v.diskFormat,
              force: volume.attachments.length > 0,
            })
          }
        >
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={upload.isPending}>
            Upload
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Delete after typing the volume's name (checked again by the BFF); snapshots can go with it. */
function DeleteDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const refresh = useVolumeRefresh();
  const [typed, setTyped] = useState("");
  const [cascade, setCascade] = useState(false);
  const remove = trpc.volume.delete.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Volume ${labelOf(volume)} is being deleted.`);
      onClose();
    },
  });
  const expected = labelOf(volume);
  return (
    <Dialog open onClose={onClose} title={`Delete volume ${expected}?`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate({ id: volume.id, confirmName: typed, cascade });
        }}
        className="grid gap-4"
      >
        <p className="text-sm">
          Its data is gone for good. Type <strong>{expected}</strong> to confirm.
        </p>
        <TextField
          label="Volume name"
          name="confirmName"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          autoFocus
        />
        <CheckboxField
          label="Delete its snapshots too"
          name="cascade"
          checked={cascade}
          onChange={(e) => setCascade(e.target.checked)}
        />
        <FormError message={remove.error ? errorMessageOf(remove.error) : null} />
        <DialogActions cli={volumeDelete({ volumeId: volume.id, cascade })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" busy={remove.isPending} disabled={typed !== expected}>
            Delete volume
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The one open volume dialog, whichever action opened it. */
export function VolumeDialogs({ state, onClose }: { state: VolumeDialogState | null; onClose: () => void }) {
  if (!state) return null;
  const props = { volume: state.volume, onClose, key: `${state.kind}-${state.volume.id}` };
  switch (state.kind) {
    case "extend":
      return <ExtendDialog {...props} />;
    case "edit":
      return <EditDialog {...props} />;
    case "snapshot":
      return <SnapshotDialog {...props} />;
    case "upload":
      return <UploadImageDialog {...props} />;
    case "transfer":
      return <TransferCreateDialog {...props} />;
    case "delete":
      return <DeleteDialog {...props} />;
  }
}
