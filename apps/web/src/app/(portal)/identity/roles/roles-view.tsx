"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { ROLES_LIST } from "@/lib/lists/identity";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { CreateRoleDialog } from "./create-role-dialog";

type Role = RouterOutputs["identity"]["roles"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["roles"]["list"]["sort"]>;

const COLUMNS: Column<Role, SortKey>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (r) => <span className="font-medium whitespace-nowrap">{r.name}</span>,
  },
  {
    key: "description",
    header: "Description",
    cell: (r) => r.description || <span className="text-fg-muted">—</span>,
  },
  {
    key: "id",
    header: "ID",
    sortKey: "id",
    cell: (r) => <code className="text-xs text-fg-muted">{r.id}</code>,
  },
];

export function RolesView() {
  const list = useListParams<SortKey>(ROLES_LIST.defaults);
  const query = trpc.identity.roles.list.useQuery(list.params, { placeholderData: keepPreviousData });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.identity.roles.delete.useMutation({
    onSuccess: () => {
      void utils.identity.roles.invalidate();
      if (deleting) toast.show(`Role ${deleting.name} deleted.`);
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label="Roles"
        columns={COLUMNS}
        rowKey={(r) => r.id}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        emptyTitle="No roles defined."
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> Create role
          </Button>
        }
        rowActions={(r) => (
          <RowAction
            icon={Trash2}
            label="Delete"
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
        title="Delete role"
        confirmLabel="Delete role"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            Delete role <strong>{deleting.name}</strong>? Every assignment of this role is removed. This
            cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
