"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { volumeDelete, volumeResetState } from "@/lib/openstack-cli/volume";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, trpc } from "@/trpc/react";
import type { VolumeRow } from "./volume-action-dialogs";

type ResetStatus = RouterInputs["admin"]["volumes"]["resetStatus"]["status"];
const STATUSES: ResetStatus[] = [
  "available",
  "error",
  "in-use",
  "creating",
  "attaching",
  "detaching",
  "deleting",
  "error_deleting",
  "maintenance",
];

/** Admin: sets the recorded status of a stuck volume; the backend is not touched. */
export function ResetStatusDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const utils = trpc.useUtils();
  const [status, setStatus] = useState<ResetStatus>("available");
  const [attach, setAttach] = useState<"" | "attached" | "detached">("");
  const reset = trpc.admin.volumes.resetStatus.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(t("reset.doneToast", { name: volume.name || volume.id, status }));
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("reset.title", { name: volume.name || volume.id })}
      description={t("reset.description")}
    >
      <div className="grid gap-4">
        <SelectField
          label={t("reset.status")}
          name="status"
          value={status}
          onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? "available")}
          // The statuses as Cinder names them: the admin sets exactly this value.
          options={STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <SelectField
          label={t("reset.attachStatus")}
          name="attachStatus"
          value={attach}
          placeholder={t("reset.leaveAsIs")}
          onChange={(e) =>
            setAttach(e.target.value === "attached" || e.target.value === "detached" ? e.target.value : "")
          }
          options={[
            // Cinder's own values, as `openstack volume set --attached/--detached` takes them.
            { value: "attached", label: "attached" }, // i18n-ignore: a Cinder value, not a word
            { value: "detached", label: "detached" }, // i18n-ignore: a Cinder value, not a word
          ]}
        />
        <FormError message={reset.error ? errorMessageOf(reset.error) : null} />
        <DialogActions cli={volumeResetState({ volumeId: volume.id, status, attachStatus: attach })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button
            variant="primary"
            busy={reset.isPending}
            onClick={() => reset.mutate({ id: volume.id, status, attachStatus: attach || undefined })}
          >
            {t("reset.submit")}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

/** Admin: deletes a volume whatever its status. */
export function ForceDeleteDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const toast = useToast();
  const utils = trpc.useUtils();
  const remove = trpc.admin.volumes.forceDelete.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(t("forceDelete.startedToast", { name: volume.name || volume.id }));
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open
      title={t("forceDelete.title")}
      confirmLabel={t("forceDelete.submit")}
      busy={remove.isPending}
      error={remove.error ? errorMessageOf(remove.error) : null}
      onCancel={onClose}
      onConfirm={() => remove.mutate({ id: volume.id })}
      cli={volumeDelete({ volumeId: volume.id, force: true })}
    >
      <p>
        {t.rich("forceDelete.confirm", {
          name: volume.name || volume.id,
          status: volume.status,
          strong: (c) => <strong>{c}</strong>,
        })}
      </p>
    </ConfirmDialog>
  );
}
