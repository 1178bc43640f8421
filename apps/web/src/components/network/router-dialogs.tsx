"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { routerDelete, routerSet, routerSetGateway, routerUnsetGateway } from "@/lib/openstack-cli/network";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { routerFormSchemas } from "./router-form-schemas";
import type { RouterMenuAction } from "./router-menu-items";

type RouterRow = RouterOutputs["network"]["routers"]["list"]["items"][number];

export type RouterDialog =
  | { kind: "none" }
  | { kind: "edit"; router: RouterRow }
  | { kind: "gateway"; router: RouterRow }
  | { kind: "clearGateway"; router: RouterRow }
  | { kind: "delete"; router: RouterRow };

const label = (r: RouterRow) => r.name || r.id;

/** Holds which router dialog is open, and on which router; `onDeleted` lets a detail page leave. */
export function useRouterDialog() {
  const [dialog, setDialog] = useState<RouterDialog>({ kind: "none" });
  return {
    dialog,
    open: (action: RouterMenuAction, router: RouterRow) => setDialog({ kind: action, router }),
    close: () => setDialog({ kind: "none" }),
  };
}

export function RouterDialogs({
  dialog,
  close,
  isAdmin,
  onDeleted,
}: {
  dialog: RouterDialog;
  close: () => void;
  isAdmin: boolean;
  onDeleted?: (id: string) => void;
}) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("network.routerDialogs");
  const utils = trpc.useUtils();
  const toast = useToast();
  const done = (message: string) => {
    void utils.network.routers.invalidate();
    toast.show(message);
    close();
  };
  const clear = trpc.network.routers.clearGateway.useMutation({
    onSuccess: (r) => done(t("gatewayClearedToast", { name: r.name || r.id })),
  });
  const remove = trpc.network.routers.delete.useMutation({
    onSuccess: (r) => {
      done(t("deletedToast", { name: r.name || r.id }));
      onDeleted?.(r.id);
    },
  });
  const router = dialog.kind === "none" ? null : dialog.router;

  return (
    <>
      <EditRouterDialog
        key={dialog.kind === "edit" ? dialog.router.id : "edit"}
        router={dialog.kind === "edit" ? dialog.router : null}
        onClose={close}
      />
      <GatewayDialog
        key={dialog.kind === "gateway" ? dialog.router.id : "gateway"}
        router={dialog.kind === "gateway" ? dialog.router : null}
        isAdmin={isAdmin}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog.kind === "clearGateway"}
        title={t("clearTitle")}
        confirmLabel={t("clearTitle")}
        busy={clear.isPending}
        error={clear.error ? errorMessageOf(clear.error) : null}
        onCancel={() => {
          clear.reset();
          close();
        }}
        onConfirm={() => router && clear.mutate({ id: router.id })}
        cli={router ? routerUnsetGateway(router.id) : undefined}
      >
        {router ? (
          <p>
            {router.gateway?.networkName
              ? t.rich("clearConfirmTo", {
                  name: label(router),
                  network: router.gateway.networkName,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })
              : t.rich("clearConfirm", {
                  name: label(router),
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
          </p>
        ) : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => {
          remove.reset();
          close();
        }}
        onConfirm={() => router && remove.mutate({ id: router.id })}
        cli={router ? routerDelete(router.id) : undefined}
      >
        {router ? (
          <p>
            {t.rich(router.gateway ? "deleteConfirmGateway" : "deleteConfirm", {
              name: label(router),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

function EditRouterDialog({ router, onClose }: { router: RouterRow | null; onClose: () => void }) {
  const t = useTranslations("network.routerDialogs");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => routerFormSchemas(tValidation).editRouter, [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.routers.update.useMutation({
    onSuccess: (r) => {
      void utils.network.routers.invalidate();
      toast.show(t("updatedToast", { name: r.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!router) return;
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: router.id, ...result.data });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog
      open={router !== null}
      onClose={cancel}
      title={t("editTitle", { name: router ? label(router) : "" })}
    >
      {router ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label={t("name")}
            name="name"
            defaultValue={router.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label={t("description")}
            name="description"
            defaultValue={router.description}
            error={errors.fields.description}
          />
          <CheckboxField label={t("enabled")} name="adminStateUp" defaultChecked={router.adminStateUp} />
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              routerSet({
                routerId: router?.id ?? "",
                name: v.name ?? "",
                description: v.description ?? "",
                adminStateUp: v.adminStateUp === "on",
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              {t("save")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}

function GatewayDialog({
  router,
  isAdmin,
  onClose,
}: {
  router: RouterRow | null;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("network.routerDialogs");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => routerFormSchemas(tValidation).setGateway, [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = trpc.network.routers.options.useQuery(
    { routerId: router?.id },
    { enabled: router !== null, staleTime: 30_000 },
  );
  const externals = options.data?.externalNetworks ?? [];
  const set = trpc.network.routers.setGateway.useMutation({
    onSuccess: (r) => {
      void utils.network.routers.invalidate();
      toast.show(t("gatewaySetToast", { name: r.name || r.id }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!router) return;
    const values = formValues(event.currentTarget);
    const result = validateForm(schema, values);
    if (!result.ok) return errors.showFieldErrors(result.fields);
    set.mutate({
      id: router.id,
      externalNetworkId: result.data.externalNetworkId,
      ...(isAdmin ? { enableSnat: values.enableSnat === "on" } : {}),
    });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  const current = router?.gateway?.networkId ?? (externals.length === 1 ? externals[0]?.id : "");
  return (
    <Dialog
      open={router !== null}
      onClose={cancel}
      title={t(router?.gateway ? "changeGatewayTitle" : "setGatewayTitle", {
        name: router ? label(router) : "",
      })}
      description={t("gatewayDescription")}
    >
      {router ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <SelectField
            key={`${externals.length}-${current}`}
            label={t("externalNetwork")}
            name="externalNetworkId"
            placeholder={options.isLoading ? tCommon("loading") : t("chooseExternal")}
            options={externals.map((n) => ({ value: n.id, label: n.name || n.id }))}
            defaultValue={current ?? ""}
            error={errors.fields.externalNetworkId}
            hint={externals.length === 0 && !options.isLoading ? t("noExternal") : undefined}
            autoFocus
          />
          {isAdmin ? (
            <CheckboxField
              label={t("snat")}
              name="enableSnat"
              defaultChecked={router.gateway?.enableSnat ?? true}
            />
          ) : null}
          <FormError message={errors.formError ?? errors.fields.enableSnat} />
          <DialogActions
            cli={(v) =>
              routerSetGateway({
                routerId: router?.id ?? "",
                externalNetworkId: v.externalNetworkId ?? "",
                ...(isAdmin ? { enableSnat: v.enableSnat === "on" } : {}),
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={set.isPending}>
              {router.gateway ? t("changeGateway") : t("setGateway")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
