"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formatMb } from "@/i18n/format";
import { actionLabel, useInstanceActionTexts } from "@/lib/compute/action-texts";
import { ACCEPTED_STATE, type InstanceFormAction } from "@/lib/compute/instance-actions";
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

/** The actions whose confirmation says what follows (`compute.actions.consequence.*`). */
const CONSEQUENCES = ["stop", "reboot", "hardReboot", "suspend", "delete", "revertResize"] as const;
type ConsequenceAction = (typeof CONSEQUENCES)[number];

function hasConsequence(action: string): action is ConsequenceAction {
  return (CONSEQUENCES as readonly string[]).includes(action);
}

type DialogsT = ReturnType<typeof useTranslations<"compute.actionDialogs">>;

function TargetList({ targets }: { targets: ActionTarget[] }) {
  const t = useTranslations("compute.actions");
  return (
    <ul aria-label={t("targetsLabel")} className="my-2 max-h-40 list-disc overflow-y-auto pl-5">
      {targets.map((target) => (
        <li key={target.id} className="font-medium">
          {target.name}
        </li>
      ))}
    </ul>
  );
}

/** The forms' schemas, with messages in the reader's language (call in a useMemo). */
function actionSchemas(t: DialogsT) {
  const atMost = t("atMost", { max: 255 });
  return {
    snapshot: z.object({ name: z.string().trim().min(1, t("enterSnapshotName")).max(255, atMost) }),
    resize: z.object({ flavorId: z.string().min(1, t("chooseNewFlavor")) }),
    rebuild: z.object({
      imageId: z.string().min(1, t("chooseRebuildImage")),
      name: z
        .string()
        .max(255, atMost)
        .transform((v) => v.trim() || undefined),
    }),
  };
}

type RebuildInput = z.infer<ReturnType<typeof actionSchemas>["rebuild"]>;

function useActionSchemas() {
  const t = useTranslations("compute.actionDialogs");
  return useMemo(() => actionSchemas(t), [t]);
}

function SnapshotDialog({ target, onClose }: { target: ActionTarget; onClose: () => void }) {
  const t = useTranslations("compute.actionDialogs");
  const tCommon = useTranslations("common");
  const schemas = useActionSchemas();
  const toast = useToast();
  const errors = useFormErrors();
  const utils = trpc.useUtils();
  const transition = useAccepted("snapshot", target.id);
  const snapshot = trpc.compute.instances.snapshot.useMutation({
    onMutate: transition.sent,
    onSuccess: (_result, input) => {
      transition.accepted();
      toast.show(t("snapshotToast", { snapshot: input.name, name: target.name }));
      void utils.images.invalidate();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.snapshot, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    snapshot.mutate({ id: target.id, name: result.data.name });
  };
  return (
    <Dialog open onClose={onClose} title={t("snapshotTitle", { name: target.name })}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label={t("snapshotName")}
          name="name"
          defaultValue={`${target.name}-snapshot`}
          error={errors.fields.name}
          autoFocus
        />
        <p className="text-sm text-fg-muted">{t("snapshotHint")}</p>
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => serverSnapshot({ serverId: target.id, name: v.name ?? "" })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={snapshot.isPending}>
            {t("createSnapshot")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function ResizeDialog({
  target,
  onClose,
}: {
  target: ActionTarget & { flavorId: string };
  onClose: () => void;
}) {
  const t = useTranslations("compute.actionDialogs");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const schemas = useActionSchemas();
  const toast = useToast();
  const errors = useFormErrors();
  const flavors = trpc.compute.flavors.list.useQuery({});
  const transition = useAccepted("resize", target.id);
  const resize = trpc.compute.instances.resize.useMutation({
    onMutate: transition.sent,
    onSuccess: () => {
      transition.accepted();
      toast.show(t("resizeToast", { name: target.name }));
      onClose();
    },
    onError: errors.showError,
  });
  const options = (flavors.data ?? [])
    .filter((f) => f.id !== target.flavorId)
    .map((f) => ({
      value: f.id,
      label: t("flavorOption", { name: f.name, vcpus: f.vcpus, ram: formatMb(format, f.ram), disk: f.disk }),
    }));
  const current = flavors.data?.find((f) => f.id === target.flavorId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.resize, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    resize.mutate({ id: target.id, flavorId: result.data.flavorId });
  };
  return (
    <Dialog open onClose={onClose} title={t("resizeTitle", { name: target.name })}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">
          {t.rich("currentFlavor", {
            flavor: current?.name ?? "…",
            strong: (chunks) => <span className="font-medium text-fg">{chunks}</span>,
          })}
        </p>
        <SelectField
          label={t("newFlavor")}
          name="flavorId"
          placeholder={flavors.isLoading ? t("loadingFlavors") : t("chooseFlavor")}
          options={options}
          error={errors.fields.flavorId}
          autoFocus
        />
        <FormError message={errors.formError ?? (flavors.error ? t("flavorsError") : null)} />
        <DialogActions cli={(v) => serverResize({ serverId: target.id, flavorId: v.flavorId ?? "" })}>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={resize.isPending}>
            {t("resize")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RebuildDialog({
  target,
  onClose,
}: {
  target: ActionTarget & { imageId: string | null };
  onClose: () => void;
}) {
  const t = useTranslations("compute.actionDialogs");
  const tCommon = useTranslations("common");
  const schemas = useActionSchemas();
  const toast = useToast();
  const errors = useFormErrors();
  const [confirming, setConfirming] = useState<RebuildInput | null>(null);
  const options = trpc.compute.launchOptions.useQuery();
  const transition = useAccepted("rebuild", target.id);
  const rebuild = trpc.compute.instances.rebuild.useMutation({
    onMutate: transition.sent,
    onSuccess: () => {
      transition.accepted();
      toast.show(t("rebuildToast", { name: target.name }));
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
    const result = validateForm(schemas.rebuild, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    setConfirming(result.data);
  };
  if (confirming) {
    return (
      <ConfirmDialog
        open
        title={t("rebuildTitle", { name: target.name })}
        confirmLabel={t("rebuildInstance")}
        busy={rebuild.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => rebuild.mutate({ id: target.id, ...confirming })}
        cli={serverRebuild({ serverId: target.id, ...confirming })}
      >
        <p>
          {t.rich("rebuildConfirm", { name: target.name, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      </ConfirmDialog>
    );
  }
  return (
    <Dialog open onClose={onClose} title={t("rebuildTitle", { name: target.name })}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <SelectField
          label={t("image")}
          name="imageId"
          defaultValue={target.imageId ?? ""}
          placeholder={options.isLoading ? t("loadingImages") : t("chooseImage")}
          options={images}
          error={errors.fields.imageId}
          autoFocus
        />
        <TextField label={t("newName")} name="name" error={errors.fields.name} />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) => serverRebuild({ serverId: target.id, imageId: v.imageId ?? "", name: v.name })}
        >
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="danger">
            {t("rebuildEllipsis")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The dialogs of `useInstanceActions`: confirmations and the resize/rebuild/snapshot forms. */
export function InstanceActionDialogs({ api }: { api: InstanceActionsApi }) {
  const { pending, close } = api;
  const texts = useInstanceActionTexts();
  if (!pending) return null;
  if (pending.kind === "snapshot") return <SnapshotDialog target={pending.target} onClose={close} />;
  if (pending.kind === "resize") return <ResizeDialog target={pending.target} onClose={close} />;
  if (pending.kind === "rebuild") return <RebuildDialog target={pending.target} onClose={close} />;

  const action = actionLabel(texts, pending.action);
  const count = pending.targets.length;
  const title = texts.t("confirmTitle", { action, count });
  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel={title}
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
      <p>{texts.t("confirmQuestion", { action, count })}</p>
      <TargetList targets={pending.targets} />
      {hasConsequence(pending.action) ? (
        <p className="text-fg-muted">{texts.t(`consequence.${pending.action}`)}</p>
      ) : null}
    </ConfirmDialog>
  );
}
