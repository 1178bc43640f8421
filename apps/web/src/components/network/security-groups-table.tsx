"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { SECURITY_GROUPS_LIST } from "@/lib/lists/network";
import { type ErrorMessageOf, trpcCodeOf } from "@/lib/trpc-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { securityGroupQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { SecurityGroupCreateDialog } from "./security-group-create-dialog";
import { SecurityGroupEditDialog } from "./security-group-edit-dialog";

type Group = RouterOutputs["network"]["securityGroups"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["securityGroups"]["list"]["sort"]>;
type GroupsT = ReturnType<typeof useTranslations<"network.securityGroups">>;

const columns = (t: GroupsT): Column<Group, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
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
    header: t("descriptionColumn"),
    cell: (g) => g.description || <span className="text-fg-muted">—</span>,
  },
  { key: "rules", header: t("rules"), sortKey: "rules", cell: (g) => g.ruleCount, className: "tabular-nums" },
  {
    key: "instances",
    header: t("usedBy"),
    sortKey: "instances",
    cell: (g) =>
      g.instanceCount === 0 ? (
        <span className="text-fg-muted">{t("noInstances")}</span>
      ) : (
        t("instanceCount", { count: g.instanceCount })
      ),
  },
];

/**
 * Neutron's own words for a group still on ports ("Security Group … in use."),
 * followed by what to do; the generic conflict hint is about names.
 */
function deleteErrorOf(t: GroupsT, error: unknown, messageOf: ErrorMessageOf): string {
  if (trpcCodeOf(error) === "CONFLICT" && error instanceof Error) {
    return t("deleteConflict", { reason: messageOf(error, { bare: true }) });
  }
  return messageOf(error);
}

/** Project → Network → Security groups. */
export function SecurityGroupsTable() {
  const t = useTranslations("network.securityGroups");
  const errorMessageOf = useErrorMessage();
  const COLUMNS = useMemo(() => columns(t), [t]);
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
      if (deleting) toast.show(t("deletedToast", { name: deleting.name }));
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(g) => g.id}
        rowQuery={(g) => securityGroupQuery(g.id)}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(g) => (
          <>
            <RowAction icon={Pencil} label={t("edit")} subject={g.name} onClick={() => setEditing(g)} />
            <RowAction
              icon={Trash2}
              label={t("delete")}
              subject={g.name}
              danger
              onClick={() => {
                if (g.isDefault) {
                  // Said up front: Neutron keeps one default group per project.
                  toast.show(t("defaultUndeletable"), "info");
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
        title={t("deleteTitle")}
        confirmLabel={t("deleteGroup")}
        busy={remove.isPending}
        error={remove.error ? deleteErrorOf(t, remove.error, errorMessageOf) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            {t.rich("deleteConfirm", {
              name: deleting.name,
              rules: deleting.ruleCount,
              instances: deleting.instanceCount,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
