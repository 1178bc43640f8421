"use client";

import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import type { RowMenuItem } from "@/components/row-menu";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { routerDelete, routerSet, routerSetGateway, routerUnsetGateway } from "@/lib/openstack-cli/network";
import { errorMessageOf } from "@/lib/trpc-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { EditRouterFormSchema, SetGatewayFormSchema } from "./router-form-schemas";

type RouterRow = RouterOutputs["network"]["routers"]["list"]["items"][number];

export type RouterDialog =
  | { kind: "none" }
  | { kind: "edit"; router: RouterRow }
  | { kind: "gateway"; router: RouterRow }
  | { kind: "clearGateway"; router: RouterRow }
  | { kind: "delete"; router: RouterRow };

const label = (r: RouterRow) => r.name || r.id;

/** The row menu of a router, in the table and on its page. */
export function routerMenuItems(
  router: RouterRow,
  open: (dialog: RouterDialog) => void,
  detailHref?: string,
  navigate?: (href: string) => void,
): RowMenuItem[] {
  const items: RowMenuItem[] = [];
  if (detailHref && navigate)
    items.push({ key: "view", label: "View details", onSelect: () => navigate(detailHref) });
  items.push(
    { key: "edit", label: "Edit router", onSelect: () => open({ kind: "edit", router }) },
    {
      key: "gateway",
      label: router.gateway ? "Change gateway" : "Set gateway",
      onSelect: () => open({ kind: "gateway", router }),
    },
    {
      key: "clearGateway",
      label: "Clear gateway",
      danger: true,
      disabledReason: router.gateway ? null : "It has no gateway.",
      onSelect: () => open({ kind: "clearGateway", router }),
    },
    {
      key: "delete",
      label: "Delete router",
      danger: true,
      disabledReason:
        router.interfaceCount > 0
          ? `Remove its ${router.interfaceCount === 1 ? "interface" : `${router.interfaceCount} interfaces`} first.`
          : null,
      onSelect: () => open({ kind: "delete", router }),
    },
  );
  return items;
}

/** Holds which router dialog is open; `onDeleted` lets a detail page leave. */
export function useRouterDialog() {
  const [dialog, setDialog] = useState<RouterDialog>({ kind: "none" });
  return { dialog, open: setDialog, close: () => setDialog({ kind: "none" }) };
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
  const utils = trpc.useUtils();
  const toast = useToast();
  const done = (message: string) => {
    void utils.network.routers.invalidate();
    toast.show(message);
    close();
  };
  const clear = trpc.network.routers.clearGateway.useMutation({
    onSuccess: (r) => done(`Gateway of router ${r.name || r.id} cleared.`),
  });
  const remove = trpc.network.routers.delete.useMutation({
    onSuccess: (r) => {
      done(`Router ${r.name || r.id} deleted.`);
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
        title="Clear gateway"
        confirmLabel="Clear gateway"
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
            Clear the gateway of <strong>{label(router)}</strong>
            {router.gateway?.networkName ? ` to ${router.gateway.networkName}` : ""}? Instances behind it lose
            access to the external network. Floating IPs through it must be released first.
          </p>
        ) : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title="Delete router"
        confirmLabel="Delete router"
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
            Delete router <strong>{label(router)}</strong>
            {router.gateway ? " and its gateway" : ""}? This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

function EditRouterDialog({ router, onClose }: { router: RouterRow | null; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.routers.update.useMutation({
    onSuccess: (r) => {
      void utils.network.routers.invalidate();
      toast.show(`Router ${r.name} updated.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!router) return;
    const result = validateForm(EditRouterFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: router.id, ...result.data });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };
  return (
    <Dialog open={router !== null} onClose={cancel} title={`Edit router ${router ? label(router) : ""}`}>
      {router ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label="Name"
            name="name"
            defaultValue={router.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label="Description"
            name="description"
            defaultValue={router.description}
            error={errors.fields.description}
          />
          <CheckboxField
            label="Enabled (admin state up)"
            name="adminStateUp"
            defaultChecked={router.adminStateUp}
          />
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
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save
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
      toast.show(`Gateway of router ${r.name || r.id} set.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!router) return;
    const values = formValues(event.currentTarget);
    const result = validateForm(SetGatewayFormSchema, values);
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
      title={`${router?.gateway ? "Change" : "Set"} gateway of ${router ? label(router) : ""}`}
      description="The gateway connects the router to an external network: outbound traffic and floating IPs go through it."
    >
      {router ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <SelectField
            key={`${externals.length}-${current}`}
            label="External network"
            name="externalNetworkId"
            placeholder={options.isLoading ? "Loading…" : "Choose an external network"}
            options={externals.map((n) => ({ value: n.id, label: n.name || n.id }))}
            defaultValue={current ?? ""}
            error={errors.fields.externalNetworkId}
            hint={
              externals.length === 0 && !options.isLoading
                ? "No external network exists: ask an administrator."
                : undefined
            }
            autoFocus
          />
          {isAdmin ? (
            <CheckboxField
              label="SNAT: translate outbound traffic to the gateway address"
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
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={set.isPending}>
              {router.gateway ? "Change gateway" : "Set gateway"}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
