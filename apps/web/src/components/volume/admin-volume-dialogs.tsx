"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { volumeDelete, volumeResetState } from "@/lib/openstack-cli/volume";
import { errorMessageOf } from "@/lib/trpc-errors";
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
  const toast = useToast();
  const utils = trpc.useUtils();
  const [status, setStatus] = useState<ResetStatus>("available");
  const [attach, setAttach] = useState<"" | "attached" | "detached">("");
  const reset = trpc.admin.volumes.resetStatus.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(`Status of ${volume.name || volume.id} set to ${status}.`);
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Reset status of ${volume.name || volume.id}`}
      description="Only the database record changes: use it when a volume is stuck after a failure you fixed."
    >
      <div className="grid gap-4">
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? "available")}
          options={STATUSES.map((s) => ({ value: s, label: s }))}
        />
        <SelectField
          label="Attach status"
          name="attachStatus"
          value={attach}
          placeholder="Leave as is"
          onChange={(e) =>
            setAttach(e.target.value === "attached" || e.target.value === "detached" ? e.target.value : "")
          }
          options={[
            { value: "attached", label: "attached" },
            { value: "detached", label: "detached" },
          ]}
        />
        <FormError message={reset.error ? errorMessageOf(reset.error) : null} />
        <DialogActions cli={volumeResetState({ volumeId: volume.id, status, attachStatus: attach })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            busy={reset.isPending}
            onClick={() => reset.mutate({ id: volume.id, status, attachStatus: attach || undefined })}
          >
            Reset status
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}

/** Admin: deletes a volume whatever its status. */
export function ForceDeleteDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const toast = useToast();
  const utils = trpc.useUtils();
  const remove = trpc.admin.volumes.forceDelete.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(`Volume ${volume.name || volume.id} is being force-deleted.`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open
      title="Force delete volume?"
      confirmLabel="Force delete"
      busy={remove.isPending}
      error={remove.error ? errorMessageOf(remove.error) : null}
      onCancel={onClose}
      onConfirm={() => remove.mutate({ id: volume.id })}
      cli={volumeDelete({ volumeId: volume.id, force: true })}
    >
      <p>
        Delete <strong>{volume.name || volume.id}</strong> ({volume.status}) whatever its status? Its data is
        gone for good; an instance it is attached to loses the disk.
      </p>
    </ConfirmDialog>
  );
}
