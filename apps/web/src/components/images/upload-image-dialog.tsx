"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type ChangeEvent, type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from "react";
import { FieldShell } from "@/components/form/field-shell";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { ProgressBar } from "@/components/progress-bar";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formatBytes, formatPercent } from "@/i18n/format";
import { formValues, validateForm } from "@/lib/field-errors";
import { imageCreate } from "@/lib/openstack-cli/image";
import { UploadError, type UploadHandle, type UploadProgress, uploadFile } from "@/lib/upload-file";
import { useFormErrors } from "@/lib/use-form-errors";
import { useUploadTexts } from "@/lib/use-upload-texts";
import { trpc } from "@/trpc/react";
import { imageFormSchemas } from "./image-form-schema";
import { CONTAINER_FORMATS, DISK_FORMATS, diskFormatFor, toOptions, VISIBILITIES } from "./image-formats";

type Phase =
  | { kind: "form" }
  | { kind: "creating" }
  | { kind: "uploading"; imageId: string; name: string; progress: UploadProgress }
  | { kind: "done"; name: string; progress: UploadProgress };

interface UploadProgressViewProps {
  progress: UploadProgress;
  name: string;
  done: boolean;
  onCancel: () => void;
  onDone: () => void;
}

function UploadProgressView({ progress, name, done, onCancel, onDone }: UploadProgressViewProps) {
  const t = useTranslations("compute.images");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const percent = progress.total > 0 ? (progress.loaded / progress.total) * 100 : 0;
  const bytes = t("bytesOf", {
    loaded: formatBytes(format, progress.loaded),
    total: formatBytes(format, progress.total),
  });
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" role={done ? "status" : undefined}>
        {done ? t.rich("uploaded", { name, strong }) : t.rich("uploading", { name, strong })}
      </p>
      <ProgressBar
        percent={percent}
        label={t("uploadOf", { name })}
        valueText={bytes}
        tone={done ? "success" : "accent"}
      />
      <div className="flex justify-between text-sm" aria-live="polite">
        <span className="font-medium tabular-nums">{formatPercent(format, Math.round(percent) / 100)}</span>
        <span className="text-fg-muted tabular-nums">{bytes}</span>
      </div>
      <DialogActions>
        {done ? (
          <Button variant="primary" onClick={onDone} autoFocus>
            {tCommon("done")}
          </Button>
        ) : (
          <Button variant="danger" onClick={onCancel}>
            {t("cancelUpload")}
          </Button>
        )}
      </DialogActions>
    </div>
  );
}

/**
 * Creates the image record (`images.create`), then sends the file with XHR
 * to the portal's same-origin upload route, showing real progress. A failed
 * or cancelled upload deletes the empty image again.
 */
export function UploadImageDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("compute.images");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.images.validation");
  const schemas = useMemo(() => imageFormSchemas(tValidation), [tValidation]);
  const format = useFormatter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const uploadTexts = useUploadTexts();
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [file, setFile] = useState<File | null>(null);
  const [diskFormat, setDiskFormat] = useState<string>("qcow2");
  const upload = useRef<UploadHandle | null>(null);
  const fileId = useId();
  const create = trpc.images.create.useMutation();
  const remove = trpc.images.delete.useMutation();

  const reset = () => {
    setPhase({ kind: "form" });
    setFile(null);
    errors.reset();
  };
  const finish = () => {
    reset();
    onClose();
  };

  const pickFile = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0] ?? null;
    setFile(picked);
    const guess = picked ? diskFormatFor(picked.name) : undefined;
    if (guess) setDiskFormat(guess);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.uploadImage, formValues(event.currentTarget));
    if (!file) {
      errors.showFieldErrors({
        ...(result.ok ? {} : result.fields),
        file: t("chooseFile"),
      });
      return;
    }
    if (!result.ok) return errors.showFieldErrors(result.fields);
    errors.reset();
    setPhase({ kind: "creating" });
    let created: { id: string; uploadUrl: string };
    try {
      created = await create.mutateAsync(result.data);
    } catch (error) {
      setPhase({ kind: "form" });
      errors.showError(error);
      return;
    }
    void utils.images.list.invalidate();
    const name = result.data.name;
    setPhase({ kind: "uploading", imageId: created.id, name, progress: { loaded: 0, total: file.size } });
    const handle = uploadFile(
      created.uploadUrl,
      file,
      (progress) => setPhase((p) => (p.kind === "uploading" ? { ...p, progress } : p)),
      uploadTexts,
    );
    upload.current = handle;
    try {
      await handle.done;
      toast.show(t("uploadedToast", { name }));
      void utils.images.invalidate();
      void utils.compute.launchOptions.invalidate();
      setPhase({ kind: "done", name, progress: { loaded: file.size, total: file.size } });
    } catch (error) {
      const cancelled = error instanceof UploadError && error.cancelled;
      // The image has no data: remove it rather than leave a "queued" image behind.
      remove.mutate({ id: created.id }, { onSettled: () => void utils.images.list.invalidate() });
      setPhase({ kind: "form" });
      if (cancelled) toast.show(t("uploadCancelledToast", { name }), "info");
      else errors.showError(error);
    } finally {
      upload.current = null;
    }
  };

  const cancelOrClose = () => {
    if (phase.kind === "uploading") upload.current?.cancel();
    else if (phase.kind === "form" || phase.kind === "done") finish();
  };

  return (
    <Dialog open={open} onClose={cancelOrClose} title={t("upload")} size="lg">
      {phase.kind === "uploading" || phase.kind === "done" ? (
        <UploadProgressView
          progress={phase.progress}
          name={phase.name}
          done={phase.kind === "done"}
          onCancel={cancelOrClose}
          onDone={finish}
        />
      ) : (
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <FieldShell id={fileId} label={t("imageFile")} error={errors.fields.file}>
              <input
                id={fileId}
                name="file"
                type="file"
                onChange={pickFile}
                aria-invalid={errors.fields.file ? true : undefined}
                aria-describedby={errors.fields.file ? `${fileId}-error` : undefined}
                className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface-muted file:px-3 file:py-1.5 file:text-fg"
              />
            </FieldShell>
            {file ? <p className="mt-1 text-xs text-fg-muted">{formatBytes(format, file.size)}</p> : null}
          </div>
          <div className="sm:col-span-2">
            <TextField
              label={t("name")}
              name="name"
              error={errors.fields.name}
              autoComplete="off"
              autoFocus
            />
          </div>
          <SelectField
            label={t("diskFormat")}
            name="diskFormat"
            value={diskFormat}
            onChange={(e) => setDiskFormat(e.target.value)}
            options={toOptions(DISK_FORMATS)}
            error={errors.fields.diskFormat}
          />
          <SelectField
            label={t("containerFormat")}
            name="containerFormat"
            defaultValue="bare"
            options={toOptions(CONTAINER_FORMATS)}
            error={errors.fields.containerFormat}
          />
          <SelectField
            label={t("visibility")}
            name="visibility"
            defaultValue="private"
            options={toOptions(VISIBILITIES, (code) => t("visibilityOption", { code }))}
            error={errors.fields.visibility}
            hint={t("publicHint")}
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label={t("minDisk")}
              name="minDisk"
              type="number"
              min={0}
              defaultValue="0"
              error={errors.fields.minDisk}
            />
            <TextField
              label={t("minRam")}
              name="minRam"
              type="number"
              min={0}
              defaultValue="0"
              error={errors.fields.minRam}
            />
          </div>
          <div className="sm:col-span-2">
            <FormError message={errors.formError} />
            <DialogActions
              cli={(v) =>
                imageCreate({
                  name: v.name ?? "",
                  diskFormat,
                  containerFormat: v.containerFormat ?? "bare",
                  visibility: v.visibility,
                  minDisk: v.minDisk,
                  minRam: v.minRam,
                  fileName: file?.name,
                })
              }
            >
              <Button onClick={finish}>{tCommon("cancel")}</Button>
              <Button type="submit" variant="primary" busy={phase.kind === "creating"}>
                {t("upload")}
              </Button>
            </DialogActions>
          </div>
        </form>
      )}
    </Dialog>
  );
}
