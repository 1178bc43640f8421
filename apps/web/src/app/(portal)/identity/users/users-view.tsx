"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { useRowActionParam } from "@/components/palette/use-row-action-param";
import { RowActionButtons } from "@/components/row-action";
import { EnabledBadge } from "@/components/status-badge";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { lazyDialog } from "@/components/ui/lazy-dialog";
import { USERS_LIST } from "@/lib/lists/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { userMenuItems } from "./user-menu-items";

// The forms (and their zod schemas) load on first open.
const CreateUserDialog = lazyDialog(
  () => import("./create-user-dialog").then((m) => m.CreateUserDialog),
  (props) => props.open,
);
const EditUserDialog = lazyDialog(
  () => import("./edit-user-dialog").then((m) => m.EditUserDialog),
  (props) => props.user !== null,
);
const SetPasswordDialog = lazyDialog(
  () => import("./set-password-dialog").then((m) => m.SetPasswordDialog),
  (props) => props.user !== null,
);

type User = RouterOutputs["identity"]["users"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["users"]["list"]["sort"]>;

type FieldsT = ReturnType<typeof useTranslations<"identity.fields">>;

const columns = (t: FieldsT): Column<User, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (u) => <span className="font-medium whitespace-nowrap">{u.name}</span>,
  },
  {
    key: "email",
    header: t("email"),
    sortKey: "email",
    cell: (u) => u.email || <span className="text-fg-muted">—</span>,
  },
  {
    key: "id",
    header: t("id"),
    sortKey: "id",
    cell: (u) => <code className="text-xs text-fg-muted">{u.id}</code>,
  },
  {
    key: "enabled",
    header: t("status"),
    sortKey: "enabled",
    cell: (u) => <EnabledBadge enabled={u.enabled} />,
  },
];

type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "edit"; user: User }
  | { kind: "password"; user: User }
  | { kind: "delete"; user: User };

export function UsersView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.users");
  const tFields = useTranslations("identity.fields");
  const COLUMNS = useMemo(() => columns(tFields), [tFields]);
  const list = useListParams<SortKey>(USERS_LIST.defaults);
  const query = trpc.identity.users.list.useQuery(USERS_LIST.input("project", list.params, list.filters), {
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const utils = trpc.useUtils();
  const toast = useToast();
  const close = () => setDialog({ kind: "none" });

  const toggle = trpc.identity.users.update.useMutation({
    onSuccess: (u) => {
      void utils.identity.users.invalidate();
      toast.show(t(u.enabled ? "enabledToast" : "disabledToast", { name: u.name }));
    },
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });
  const remove = trpc.identity.users.delete.useMutation({
    onSuccess: () => {
      void utils.identity.users.invalidate();
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.user.name }));
      close();
    },
  });
  const menuOf = (user: User) =>
    userMenuItems(
      t,
      user,
      (action) => {
        if (action === "toggle") toggle.mutate({ id: user.id, enabled: !user.enabled });
        else {
          if (action === "delete") remove.reset();
          setDialog({ kind: action, user });
        }
      },
      { saving: toggle.isPending },
    );
  // `?action=<menu key>&id=<user>` (the command palette) opens that row's dialog.
  useRowActionParam({
    rows: query.data?.items,
    idOf: (u) => u.id,
    itemsOf: menuOf,
    lookup: (id) => utils.identity.users.get.fetch({ id }),
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(u) => u.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(u) => <RowActionButtons subject={u.name} items={menuOf(u)} />}
      />
      <CreateUserDialog open={dialog.kind === "create"} onClose={close} />
      <EditUserDialog
        key={dialog.kind === "edit" ? dialog.user.id : "edit"}
        user={dialog.kind === "edit" ? dialog.user : null}
        onClose={close}
      />
      <SetPasswordDialog user={dialog.kind === "password" ? dialog.user : null} onClose={close} />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.user.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.user.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
