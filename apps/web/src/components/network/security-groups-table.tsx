"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { SECURITY_GROUPS_LIST } from "@/lib/lists/network";
import { errorMessageOf, trpcCodeOf } from "@/lib/trpc-errors";
import { securityGroupQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { SecurityGroupCreateDialog } from "./security-group-create-dialog";
import { SecurityGroupEditDialog } from "./security-group-edit-dialog";

type Group = RouterOutputs["network"]["securityGroups"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["securityGroups"]["list"]["sort"]>;

const COLUMNS: Column<Group, SortKey>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (g) => (
      <RowLink
        href={`/project/security-groups/${g.id}`}
        className="font-medium whitespace-nowrap text-accent hover:underline"
      >
        {g.name || g.id}
      </RowLink>
    ),
  },
  {
    key: "description",
    header: "Description",
    cell: (g) => g.description || <span className="text-fg-muted">—</span>,
  },
  { key: "rules", header: "Rules", sortKey: "rules", cell: (g) => g.ruleCount, className: "tabular-nums" },
  {
    key: "instances",
    header: "Used by",
    sortKey: "instances",
    cell: (g) =>
      g.instanceCount === 0 ? (
        <span className="text-fg-muted">No instances</span>
      ) : (
        `${g.instanceCount} instance${g.instanceCount === 1 ? "" : "s"}`
      ),
  },
];

/**
 * Neutron's own words for a group still on ports ("Security Group … in use."),
 * followed by what to do; the generic conflict hint is about names.
 */
function deleteErrorOf(error: unknown): string {
  if (trpcCodeOf(error) === "CONFLICT" && error instanceof Error) {
    return `${error.message} Remove the group from the instances that use it (listed on its page), then delete it.`;
  }
  return errorMessageOf(error);
}

/** Project → Network → Security groups. */
export function SecurityGroupsTable() {
  const list = useListParams<SortKey>(SECURITY_GROUPS_LIST.defaults);
  const query = trpc.network.securityGroups.list.useQuery(list.params, { placeholderData: keepPreviousData });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [editing, setEditing] = useState<Group | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.network.securityGroups.delete.useMutation({
    onSuccess: () => {
      void utils.network.securityGroups.list.invalidate();
      if (deleting) toast.show(`Security group ${deleting.name} deleted.`);
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label="Security groups"
        columns={COLUMNS}
        rowKey={(g) => g.id}
        rowQuery={(g) => securityGroupQuery(g.id)}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        emptyTitle="No security groups yet."
        emptyHint="Create a group, add rules such as SSH or HTTPS, and choose it when you launch an instance."
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> Create security group
          </Button>
        }
        rowActions={(g) => (
          <>
            <RowAction icon={Pencil} label="Edit" subject={g.name} onClick={() => setEditing(g)} />
            <RowAction
              icon={Trash2}
              label="Delete"
              subject={g.name}
              danger
              onClick={() => {
                if (g.isDefault) {
                  // Said up front: Neutron keeps one default group per project.
                  toast.show(
                    "The default security group cannot be deleted: every project keeps one. Edit its rules instead.",
                    "info",
                  );
                  return;
                }
                remove.reset();
                setDeleting(g);
              }}
            />
          </>
        )}
      />
      <SecurityGroupCreateDialog open={creating} onClose={() => setCreating(false)} />
      <SecurityGroupEditDialog key={editing?.id ?? "none"} group={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete security group"
        confirmLabel="Delete group"
        busy={remove.isPending}
        error={remove.error ? deleteErrorOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            Delete security group <strong>{deleting.name}</strong> and its {deleting.ruleCount} rules?
            {deleting.instanceCount > 0
              ? ` It is used by ${deleting.instanceCount} instance${deleting.instanceCount === 1 ? "" : "s"}: remove it from them first.`
              : " This cannot be undone."}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
