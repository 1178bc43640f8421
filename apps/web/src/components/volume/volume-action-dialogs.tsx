"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
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
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { volumeFormSchemas } from "@/lib/volume/volume-form-schemas";
import type { VolumeT } from "@/lib/volume/volume-status";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { TransferCreateDialog } from "./transfer-dialogs";

export type VolumeRow = RouterOutputs["volume"]["list"]["items"][number];
export type VolumeDialogKind = "extend" | "edit" | "snapshot" | "upload" | "transfer" | "delete";
export interface VolumeDialogState {
  kind: VolumeDialogKind;
  volume: VolumeRow;
}

const labelOf = (v: VolumeRow) => v.name || v.id;

/** The volume forms' schemas in the reader's language, built once per translator. */
function useVolumeSchemas(t: VolumeT) {
  return useMemo(() => volumeFormSchemas(t), [t]);
}

/** Invalidate what a volume change shows on: lists, the detail, the overview's quota. */
function useVolumeRefresh() {
  const utils = trpc.useUtils();
  return () => {
    void utils.volume.invalidate();
    void utils.compute.overview.invalidate();
  };
}

function ExtendDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const schemas = useVolumeSchemas(t);
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const extend = trpc.volume.extend.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(t("extend.startedToast", { name: labelOf(volume) }));
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.extend(volume.size), formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    extend.mutate({ id: volume.id, newSize: result.data.newSize });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("extend.title", { name: labelOf(volume) })}
      description={t("extend.description")}
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("extend.newSize")}
          name="newSize"
          type="number"
          min={volume.size + 1}
          defaultValue={String(volume.size + 1)}
          error={errors.fields.newSize}
          hint={t(volume.status === "in-use" ? "extend.hintInUse" : "extend.hint", {
            size: format.number(volume.size),
          })}
          autoFocus
        />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => volumeExtend({ volumeId: volume.id, newSize: v.newSize ?? "" })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={extend.isPending}>
            {t("extend.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function EditDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const schemas = useVolumeSchemas(t);
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const update = trpc.volume.update.useMutation({
    onSuccess: (v) => {
      refresh();
      toast.show(t("edit.updatedToast", { name: labelOf(v) }));
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.editVolume, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: volume.id, ...result.data });
  };
  return (
    <Dialog open onClose={onClose} title={t("edit.title", { name: labelOf(volume) })}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("edit.name")}
          name="name"
          defaultValue={volume.name}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label={t("edit.description")}
          name="description"
          defaultValue={volume.description}
          error={errors.fields.description}
        />
        <CheckboxField label={t("edit.bootable")} name="bootable" defaultChecked={volume.bootable} />
        <CheckboxField label={t("edit.readOnly")} name="readonly" defaultChecked={volume.readonly} />
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
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={update.isPending}>
            {tCommon("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function SnapshotDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const schemas = useVolumeSchemas(t);
  const toast = useToast();
  const errors = useFormErrors();
  const refresh = useVolumeRefresh();
  const attached = volume.attachments.length > 0;
  const create = trpc.volume.snapshots.create.useMutation({
    onSuccess: (s) => {
      refresh();
      toast.show(t("snapshot.startedToast", { name: s.name }));
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.snapshot, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate({ volumeId: volume.id, ...result.data, force: attached });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("snapshot.title", { name: labelOf(volume) })}
      description={attached ? t("snapshot.attachedHint") : undefined}
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("snapshot.name")}
          name="name"
          defaultValue={`${labelOf(volume)}-snap`}
          error={errors.fields.name}
          autoFocus
        />
        <TextField label={t("snapshot.description")} name="description" error={errors.fields.description} />
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
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("snapshot.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function UploadImageDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const schemas = useVolumeSchemas(t);
  const toast = useToast();
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const refresh = useVolumeRefresh();
  const upload = trpc.volume.uploadToImage.useMutation({
    onSuccess: () => {
      refresh();
      void utils.images.invalidate();
      toast.show(t("upload.startedToast", { name: labelOf(volume) }));
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.uploadImage, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    upload.mutate({ id: volume.id, ...result.data, force: volume.attachments.length > 0 });
  };
  return (
    <Dialog open onClose={onClose} title={t("upload.title", { name: labelOf(volume) })}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("upload.imageName")}
          name="imageName"
          defaultValue={labelOf(volume)}
          error={errors.fields.imageName}
          autoFocus
        />
        <SelectField
          label={t("upload.diskFormat")}
          name="diskFormat"
          defaultValue="raw"
          options={[
            { value: "raw", label: t("upload.raw") },
            { value: "qcow2", label: t("upload.qcow2") },
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
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={upload.isPending}>
            {t("upload.submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Delete after typing the volume's name (checked again by the BFF); snapshots can go with it. */
function DeleteDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const refresh = useVolumeRefresh();
  const [typed, setTyped] = useState("");
  const [cascade, setCascade] = useState(false);
  const remove = trpc.volume.delete.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(t("delete.startedToast", { name: labelOf(volume) }));
      onClose();
    },
  });
  const expected = labelOf(volume);
  return (
    <Dialog open onClose={onClose} title={t("delete.title", { name: expected })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate({ id: volume.id, confirmName: typed, cascade });
        }}
        className="grid gap-4"
      >
        <p className="text-sm">
          {t.rich("delete.confirm", { name: expected, strong: (c) => <strong>{c}</strong> })}
        </p>
        <TextField
          label={t("delete.nameLabel")}
          name="confirmName"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          autoFocus
        />
        <CheckboxField
          label={t("delete.cascade")}
          name="cascade"
          checked={cascade}
          onChange={(e) => setCascade(e.target.checked)}
        />
        <FormError message={remove.error ? errorMessageOf(remove.error) : null} />
        <DialogActions cli={volumeDelete({ volumeId: volume.id, cascade })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="danger" busy={remove.isPending} disabled={typed !== expected}>
            {t("delete.submit")}
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
