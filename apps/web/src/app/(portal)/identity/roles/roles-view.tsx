"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { ROLES_LIST } from "@/lib/lists/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { CreateRoleDialog } from "./create-role-dialog";

type Role = RouterOutputs["identity"]["roles"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["roles"]["list"]["sort"]>;

type FieldsT = ReturnType<typeof useTranslations<"identity.fields">>;

const columns = (t: FieldsT): Column<Role, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (r) => <span className="font-medium whitespace-nowrap">{r.name}</span>,
  },
  {
    key: "description",
    header: t("description"),
    cell: (r) => r.description || <span className="text-fg-muted">—</span>,
  },
  {
    key: "id",
    header: t("id"),
    sortKey: "id",
    cell: (r) => <code className="text-xs text-fg-muted">{r.id}</code>,
  },
];

export function RolesView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.roles");
  const tFields = useTranslations("identity.fields");
  const COLUMNS = useMemo(() => columns(tFields), [tFields]);
  const list = useListParams<SortKey>(ROLES_LIST.defaults);
  const query = trpc.identity.roles.list.useQuery(ROLES_LIST.input("project", list.params, list.filters), {
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.identity.roles.delete.useMutation({
    onSuccess: () => {
      void utils.identity.roles.invalidate();
      if (deleting) toast.show(t("deletedToast", { name: deleting.name }));
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(r) => (
          <RowAction
            icon={Trash2}
            label={t("delete")}
            subject={r.name}
            danger
            onClick={() => {
              remove.reset();
              setDeleting(r);
            }}
          />
        )}
      />
      <CreateRoleDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            {t.rich("deleteConfirm", { name: deleting.name, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
