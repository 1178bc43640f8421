"use client";

import { type FormEvent, useRef, useState } from "react";
import { z } from "zod";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formatMb } from "@/lib/compute/format";
import { ACCEPTED_STATE, ACTION_SPECS, type InstanceFormAction } from "@/lib/compute/instance-actions";
import type { ActionTarget, InstanceActionsApi } from "@/lib/compute/use-instance-actions";
import { applyAcceptedState } from "@/lib/compute/use-instance-updates";
import { formValues, validateForm } from "@/lib/field-errors";
import {
  isSimpleServerAction,
  serverAction,
  serverRebuild,
  serverResize,
  serverSnapshot,
} from "@/lib/openstack-cli/compute";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

/** Shows the state Nova reports once it accepted a resize, rebuild or snapshot. */
function useAccepted(action: InstanceFormAction, id: string) {
  const utils = trpc.useUtils();
  const sentAt = useRef(0);
  return {
    /** Call when the request goes out. */
    sent: () => {
      sentAt.current = Date.now();
    },
    /** Call when the cloud accepted it. */
    accepted: () => {
      const patch = ACCEPTED_STATE[action];
      if (patch) applyAcceptedState(utils, [id], patch, sentAt.current);
    },
  };
}

const CONSEQUENCES: Partial<Record<string, string>> = {
  stop: "The guest is powered off; it keeps its disk and addresses.",
  reboot: "The guest restarts; running programs stop.",
  hardReboot: "The guest is reset without a clean shutdown; unsaved data may be lost.",
  suspend: "The guest's memory is saved to disk and it stops running.",
  delete: "The instances and their local disks are removed. This cannot be undone.",
  revertResize: "The instance goes back to its previous flavor.",
};

function TargetList({ targets }: { targets: ActionTarget[] }) {
  return (
    <ul aria-label="Instances" className="my-2 max-h-40 list-disc overflow-y-auto pl-5">
      {targets.map((t) => (
        <li key={t.id} className="font-medium">
          {t.name}
        </li>
      ))}
    </ul>
  );
}

const SnapshotSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the snapshot.").max(255, "At most 255 characters."),
});

function SnapshotDialog({ target, onClose }: { target: ActionTarget; onClose: () => void }) {
  const toast = useToast();
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const transition = useAccepted("snapshot", target.id);
  const snapshot = trpc.compute.instances.snapshot.useMutation({
    onMutate: transition.sent,
    onSuccess: (_result, input) => {
      transition.accepted();
      toast.show(`Snapshot ${input.name} of ${target.name} is being created.`);
      void utils.images.invalidate();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(SnapshotSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    snapshot.mutate({ id: target.id, name: result.data.name });
  };
  return (
    <Dialog open onClose={onClose} title={`Create snapshot of ${target.name}`}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label="Snapshot name"
          name="name"
          defaultValue={`${target.name}-snapshot`}
          error={errors.fields.name}
          autoFocus
        />
        <p className="text-sm text-fg-muted">
          The snapshot becomes an image you can launch new instances from.
        </p>
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => serverSnapshot({ serverId: target.id, name: v.name ?? "" })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={snapshot.isPending}>
            Create snapshot
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const ResizeSchema = z.object({ flavorId: z.string().min(1, "Choose the new flavor.") });

function ResizeDialog({
  target,
  onClose,
}: {
  target: ActionTarget & { flavorId: string };
  onClose: () => void;
}) {
  const toast = useToast();
  const errors = useFormErrors();
  const flavors = trpc.compute.flavors.list.useQuery({});
  const transition = useAccepted("resize", target.id);
  const resize = trpc.compute.instances.resize.useMutation({
    onMutate: transition.sent,
    onSuccess: () => {
      transition.accepted();
      toast.show(`Resizing ${target.name}. Confirm or revert once it is ready.`);
      onClose();
    },
    onError: errors.showError,
  });
  const options = (flavors.data ?? [])
    .filter((f) => f.id !== target.flavorId)
    .map((f) => ({
      value: f.id,
      label: `${f.name} — ${f.vcpus} vCPU, ${formatMb(f.ram)} RAM, ${f.disk} GB disk`,
    }));
  const current = flavors.data?.find((f) => f.id === target.flavorId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(ResizeSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    resize.mutate({ id: target.id, flavorId: result.data.flavorId });
  };
  return (
    <Dialog open onClose={onClose} title={`Resize ${target.name}`}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">
          Current flavor: <span className="font-medium text-fg">{current?.name ?? "…"}</span>. After the
          resize the instance waits in “Verify resize” until you confirm or revert it.
        </p>
        <SelectField
          label="New flavor"
          name="flavorId"
          placeholder={flavors.isLoading ? "Loading flavors…" : "Choose a flavor"}
          options={options}
          error={errors.fields.flavorId}
          autoFocus
        />
        <FormError message={errors.formError ?? (flavors.error ? "Could not load the flavors." : null)} />
        <DialogActions cli={(v) => serverResize({ serverId: target.id, flavorId: v.flavorId ?? "" })}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={resize.isPending}>
            Resize
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const RebuildSchema = z.object({
  imageId: z.string().min(1, "Choose the image to rebuild from."),
  name: z
    .string()
    .max(255, "At most 255 characters.")
    .transform((v) => v.trim() || undefined),
});

function RebuildDialog({
  target,
  onClose,
}: {
  target: ActionTarget & { imageId: string | null };
  onClose: () => void;
}) {
  const toast = useToast();
  const errors = useFormErrors();
  const [confirming, setConfirming] = useState<z.infer<typeof RebuildSchema> | null>(null);
  const options = trpc.compute.launchOptions.useQuery();
  const transition = useAccepted("rebuild", target.id);
  const rebuild = trpc.compute.instances.rebuild.useMutation({
    onMutate: transition.sent,
    onSuccess: () => {
      transition.accepted();
      toast.show(`Rebuilding ${target.name}.`);
      onClose();
    },
    onError: (error) => {
      setConfirming(null);
      errors.showError(error);
    },
  });
  const images = (options.data?.images ?? [])
    .filter((i) => i.status === "active")
    .map((i) => ({ value: i.id, label: i.name || i.id }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(RebuildSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    setConfirming(result.data);
  };
  if (confirming) {
    return (
      <ConfirmDialog
        open
        title={`Rebuild ${target.name}`}
        confirmLabel="Rebuild instance"
        busy={rebuild.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => rebuild.mutate({ id: target.id, ...confirming })}
        cli={serverRebuild({ serverId: target.id, ...confirming })}
      >
        <p>
          Rebuild <strong>{target.name}</strong>? Its disk is replaced with a fresh copy of the image; data on
          it is lost.
        </p>
      </ConfirmDialog>
    );
  }
  return (
    <Dialog open onClose={onClose} title={`Rebuild ${target.name}`}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <SelectField
          label="Image"
          name="imageId"
          defaultValue={target.imageId ?? ""}
          placeholder={options.isLoading ? "Loading images…" : "Choose an image"}
          options={images}
          error={errors.fields.imageId}
          autoFocus
        />
        <TextField label="New name (optional)" name="name" error={errors.fields.name} />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) => serverRebuild({ serverId: target.id, imageId: v.imageId ?? "", name: v.name })}
        >
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger">
            Rebuild…
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The dialogs of `useInstanceActions`: confirmations and the resize/rebuild/snapshot forms. */
export function InstanceActionDialogs({ api }: { api: InstanceActionsApi }) {
  const { pending, close } = api;
  if (!pending) return null;
  if (pending.kind === "snapshot") return <SnapshotDialog target={pending.target} onClose={close} />;
  if (pending.kind === "resize") return <ResizeDialog target={pending.target} onClose={close} />;
  if (pending.kind === "rebuild") return <RebuildDialog target={pending.target} onClose={close} />;

  const spec = ACTION_SPECS[pending.action];
  const count = pending.targets.length;
  const noun = count === 1 ? "instance" : `${count} instances`;
  return (
    <ConfirmDialog
      open
      title={`${spec.label} ${noun}`}
      confirmLabel={`${spec.label} ${noun}`}
      busy={api.running}
      error={api.error}
      onCancel={close}
      cli={
        isSimpleServerAction(pending.action)
          ? serverAction(
              pending.action,
              pending.targets.map((t) => t.id),
            )
          : undefined
      }
      onConfirm={async () => {
        if (await api.run(pending.action, pending.targets)) close();
      }}
    >
      <p>
        {spec.label} {count === 1 ? "this instance" : `these ${count} instances`}?
      </p>
      <TargetList targets={pending.targets} />
      {CONSEQUENCES[pending.action] ? <p className="text-fg-muted">{CONSEQUENCES[pending.action]}</p> : null}
    </ConfirmDialog>
  );
}
