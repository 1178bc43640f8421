"use client";

import { type ChangeEvent, type FormEvent, useId, useRef, useState } from "react";
import { FieldShell } from "@/components/form/field-shell";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { ProgressBar } from "@/components/progress-bar";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formatBytes } from "@/lib/compute/format";
import { formValues, validateForm } from "@/lib/field-errors";
import { imageCreate } from "@/lib/openstack-cli/image";
import { UploadError, type UploadHandle, type UploadProgress, uploadFile } from "@/lib/upload-file";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { UploadImageSchema } from "./image-form-schema";
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
  const percent = progress.total > 0 ? (progress.loaded / progress.total) * 100 : 0;
  const bytes = `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" role={done ? "status" : undefined}>
        {done ? (
          <>
            <strong>{name}</strong> is uploaded.
          </>
        ) : (
          <>
            Uploading <strong>{name}</strong>…
          </>
        )}
      </p>
      <ProgressBar
        percent={percent}
        label={`Upload of ${name}`}
        valueText={bytes}
        tone={done ? "success" : "accent"}
      />
      <div className="flex justify-between text-sm" aria-live="polite">
        <span className="font-medium tabular-nums">{Math.round(percent)}%</span>
        <span className="text-fg-muted tabular-nums">{bytes}</span>
      </div>
      <DialogActions>
        {done ? (
          <Button variant="primary" onClick={onDone} autoFocus>
            Done
          </Button>
        ) : (
          <Button variant="danger" onClick={onCancel}>
            Cancel upload
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
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
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
    const result = validateForm(UploadImageSchema, formValues(event.currentTarget));
    if (!file) {
      errors.showFieldErrors({
        ...(result.ok ? {} : result.fields),
        file: "Choose the image file to upload.",
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
    const handle = uploadFile(created.uploadUrl, file, (progress) =>
      setPhase((p) => (p.kind === "uploading" ? { ...p, progress } : p)),
    );
    upload.current = handle;
    try {
      await handle.done;
      toast.show(`Image ${name} uploaded.`);
      void utils.images.invalidate();
      void utils.compute.launchOptions.invalidate();
      setPhase({ kind: "done", name, progress: { loaded: file.size, total: file.size } });
    } catch (error) {
      const cancelled = error instanceof UploadError && error.cancelled;
      // The image has no data: remove it rather than leave a "queued" image behind.
      remove.mutate({ id: created.id }, { onSettled: () => void utils.images.list.invalidate() });
      setPhase({ kind: "form" });
      if (cancelled) toast.show(`Upload of ${name} cancelled.`, "info");
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
    <Dialog open={open} onClose={cancelOrClose} title="Upload image" size="lg">
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
            <FieldShell id={fileId} label="Image file" error={errors.fields.file}>
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
            {file ? <p className="mt-1 text-xs text-fg-muted">{formatBytes(file.size)}</p> : null}
          </div>
          <div className="sm:col-span-2">
            <TextField label="Name" name="name" error={errors.fields.name} autoComplete="off" autoFocus />
          </div>
          <SelectField
            label="Disk format"
            name="diskFormat"
            value={diskFormat}
            onChange={(e) => setDiskFormat(e.target.value)}
            options={toOptions(DISK_FORMATS)}
            error={errors.fields.diskFormat}
          />
          <SelectField
            label="Container format"
            name="containerFormat"
            defaultValue="bare"
            options={toOptions(CONTAINER_FORMATS)}
            error={errors.fields.containerFormat}
          />
          <SelectField
            label="Visibility"
            name="visibility"
            defaultValue="private"
            options={toOptions(VISIBILITIES)}
            error={errors.fields.visibility}
            hint="Public images are visible to every project (administrators only)."
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label="Minimum disk (GB)"
              name="minDisk"
              type="number"
              min={0}
              defaultValue="0"
              error={errors.fields.minDisk}
            />
            <TextField
              label="Minimum RAM (MB)"
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
              <Button onClick={finish}>Cancel</Button>
              <Button type="submit" variant="primary" busy={phase.kind === "creating"}>
                Upload image
              </Button>
            </DialogActions>
          </div>
        </form>
      )}
    </Dialog>
  );
}
