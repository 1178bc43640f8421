"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { RowActionButtons } from "@/components/row-action";
import { Button } from "@/components/ui/button";
import { SECURITY_GROUPS_LIST } from "@/lib/lists/network";
import { securityGroupQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { SecurityGroupCreateDialog } from "./security-group-create-dialog";
import { SecurityGroupDeleteDialog } from "./security-group-delete-dialog";
import { SecurityGroupEditDialog } from "./security-group-edit-dialog";
import { securityGroupMenuItems } from "./security-group-menu-items";

type Group = RouterOutputs["network"]["securityGroups"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["securityGroups"]["list"]["sort"]>;
type GroupsT = ReturnType<typeof useTranslations<"network.securityGroups">>;
/** What a row opens (adding rules is on the group's page). */
type RowDialog = "edit" | "delete";

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

/** Project → Network → Security groups. */
export function SecurityGroupsTable() {
  const t = useTranslations("network.securityGroups");
  const COLUMNS = useMemo(() => columns(t), [t]);
  const list = useListParams<SortKey>(SECURITY_GROUPS_LIST.defaults);
  const query = trpc.network.securityGroups.list.useQuery(
    SECURITY_GROUPS_LIST.input("project", list.params, list.filters),
    { placeholderData: keepPreviousData },
  );
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ kind: RowDialog; group: Group } | null>(null);
  const close = () => setDialog(null);

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(g) => g.id}
        rowQuery={(g) => securityGroupQuery(g.id)}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(g) => (
          <RowActionButtons
            subject={g.name}
            items={securityGroupMenuItems(t, g, (action) => {
              if (action !== "addRule") setDialog({ kind: action, group: g });
            })}
          />
        )}
      />
      <SecurityGroupCreateDialog open={creating} onClose={() => setCreating(false)} />
      <SecurityGroupEditDialog
        key={dialog?.kind === "edit" ? dialog.group.id : "none"}
        group={dialog?.kind === "edit" ? dialog.group : null}
        onClose={close}
      />
      <SecurityGroupDeleteDialog group={dialog?.kind === "delete" ? dialog.group : null} onClose={close} />
    </>
  );
}
