"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Plus, Trash2, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { GROUPS_LIST } from "@/lib/lists/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { GroupFormDialog } from "./group-form-dialog";
import { GroupMembersDialog } from "./group-members-dialog";

type Group = RouterOutputs["identity"]["groups"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["groups"]["list"]["sort"]>;

type FieldsT = ReturnType<typeof useTranslations<"identity.fields">>;

const columns = (t: FieldsT): Column<Group, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (g) => <span className="font-medium whitespace-nowrap">{g.name}</span>,
  },
  {
    key: "description",
    header: t("description"),
    cell: (g) => g.description || <span className="text-fg-muted">—</span>,
  },
  {
    key: "id",
    header: t("id"),
    sortKey: "id",
    cell: (g) => <code className="text-xs text-fg-muted">{g.id}</code>,
  },
];

type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "edit"; group: Group }
  | { kind: "members"; group: Group }
  | { kind: "delete"; group: Group };

export function GroupsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.groups");
  const tFields = useTranslations("identity.fields");
  const COLUMNS = useMemo(() => columns(tFields), [tFields]);
  const list = useListParams<SortKey>(GROUPS_LIST.defaults);
  const query = trpc.identity.groups.list.useQuery(GROUPS_LIST.input("project", list.params, list.filters), {
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const utils = trpc.useUtils();
  const toast = useToast();
  const close = () => setDialog({ kind: "none" });
  const remove = trpc.identity.groups.delete.useMutation({
    onSuccess: () => {
      void utils.identity.groups.invalidate();
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.group.name }));
      close();
    },
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(g) => g.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(g) => (
          <>
            <RowAction
              icon={Pencil}
              label={t("edit")}
              subject={g.name}
              onClick={() => setDialog({ kind: "edit", group: g })}
            />
            <RowAction
              icon={Users}
              label={t("members")}
              subject={g.name}
              onClick={() => setDialog({ kind: "members", group: g })}
            />
            <RowAction
              icon={Trash2}
              label={t("delete")}
              subject={g.name}
              danger
              onClick={() => {
                remove.reset();
                setDialog({ kind: "delete", group: g });
              }}
            />
          </>
        )}
      />
      <GroupFormDialog
        key={dialog.kind === "edit" ? dialog.group.id : dialog.kind}
        open={dialog.kind === "create" || dialog.kind === "edit"}
        group={dialog.kind === "edit" ? dialog.group : undefined}
        onClose={close}
      />
      <GroupMembersDialog group={dialog.kind === "members" ? dialog.group : null} onClose={close} />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.group.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.group.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
