"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus, Route } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import { Age } from "@/components/age";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { EmptyState } from "@/components/empty-state";
import { RowMenu } from "@/components/row-menu";
import { Button } from "@/components/ui/button";
import { statusLabel } from "@/lib/compute/instance-status";
import { ROUTERS_LIST } from "@/lib/lists/network";
import { routerQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { RouterCreateDialog } from "./router-create-dialog";
import { RouterDialogs, useRouterDialog } from "./router-dialogs";
import { routerMenuItems } from "./router-menu-items";
import { ROUTER_STATUSES } from "./router-status";
import { RouterStatusBadge } from "./router-status-badge";

type RouterRow = RouterOutputs["network"]["routers"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["routers"]["list"]["sort"]>;
type RoutersT = ReturnType<typeof useTranslations<"network.routers">>;
type StatusT = ReturnType<typeof useTranslations<"network.status">>;

const muted = <span className="text-fg-muted">—</span>;

function columns(t: RoutersT, tStatus: StatusT, base: string, all: boolean): Column<RouterRow, SortKey>[] {
  const list: Column<RouterRow, SortKey>[] = [
    {
      key: "name",
      header: t("name"),
      sortKey: "name",
      cell: (r) => (
        <RowLink
          href={`${base}/${r.id}`}
          className="font-medium whitespace-nowrap text-accent hover:underline"
        >
          {r.name || r.id}
        </RowLink>
      ),
    },
    {
      key: "status",
      header: t("status"),
      sortKey: "status",
      cell: (r) => <RouterStatusBadge status={r.status} adminStateUp={r.adminStateUp} />,
    },
    {
      key: "gateway",
      header: t("externalNetwork"),
      cell: (r) =>
        r.gateway ? (
          <span className="flex flex-col">
            <span>{r.gateway.networkName ?? <code className="text-xs">{r.gateway.networkId}</code>}</span>
            {r.gateway.ips.length > 0 ? (
              <span className="font-mono text-xs text-fg-muted">{r.gateway.ips.join(", ")}</span>
            ) : null}
          </span>
        ) : (
          <span className="text-fg-muted">{t("noGateway")}</span>
        ),
    },
    { key: "interfaces", header: t("interfaces"), cell: (r) => r.interfaceCount },
    { key: "routes", header: t("staticRoutes"), cell: (r) => r.routeCount || muted },
    {
      key: "admin",
      header: t("adminState"),
      sortKey: "adminStateUp",
      cell: (r) => (r.adminStateUp ? tStatus("up") : tStatus("down")),
    },
    {
      key: "age",
      header: t("age"),
      sortKey: "created",
      cell: (r) => (r.created ? <Age iso={r.created} /> : muted),
    },
  ];
  if (!all) return list;
  const [name, ...rest] = list;
  const project: Column<RouterRow, SortKey> = {
    key: "project",
    header: t("project"),
    cell: (r) => r.projectName ?? <code className="text-xs">{r.projectId}</code>,
  };
  return name ? [name, project, ...rest] : [project, ...rest];
}

function StatusFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useTranslations("network.routers");
  const tStatus = useTranslations("network.status");
  const statusOptions = ROUTER_STATUSES.map((s) => ({
    value: s,
    label: tStatus("label", { status: s, label: statusLabel(s) }),
  }));
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {t("status")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{t("anyStatus")}</option>
        {statusOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The routers table, paged, sorted and filtered by the BFF. `scope="all"`
 * is the admin view over every project (with a project column); both offer
 * the same actions from each row's menu.
 */
export function RouterTable({
  scope,
  openCreate = false,
}: {
  scope: "project" | "all";
  openCreate?: boolean;
}) {
  const t = useTranslations("network.routers");
  const tStatus = useTranslations("network.status");
  const tMenu = useTranslations("network.routerMenu");
  const all = scope === "all";
  const base = all ? "/admin/routers" : "/project/routers";
  const navigation = useRouter();
  const list = useListParams<SortKey, "status">(ROUTERS_LIST.defaults, { filters: ROUTERS_LIST.filters });
  const { status } = list.filters;
  const [creating, setCreating] = useState(openCreate && !all);
  // Also when ?create=1 arrives while the page is already open (a client-side link from the diagram).
  useEffect(() => {
    if (openCreate && !all) setCreating(true);
  }, [openCreate, all]);
  const dialogs = useRouterDialog();
  const me = trpc.session.me.useQuery(undefined, { staleTime: 60_000 });
  const input = ROUTERS_LIST.input(scope, list.params, list.filters);
  const query = trpc.network.routers.list.useQuery(input, { placeholderData: keepPreviousData });
  const cols = useMemo(() => columns(t, tStatus, base, all), [t, tStatus, base, all]);

  const closeCreate = () => {
    setCreating(false);
    // The diagram links here with ?create=1: drop it so a reload does not open the dialog again.
    if (openCreate) navigation.replace(base);
  };
  const createDialog = all ? null : (
    <RouterCreateDialog
      open={creating}
      isAdmin={me.data?.isAdmin ?? false}
      onClose={closeCreate}
      onCreated={(id) => {
        setCreating(false);
        navigation.push(`${base}/${id}`);
      }}
    />
  );
  const createButton = all ? null : (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <Plus size={16} aria-hidden /> {t("create")}
    </Button>
  );

  if (!all && query.data && query.data.total === 0 && !list.params.q && !status) {
    return (
      <>
        <EmptyState icon={Route} title={t("empty")}>
          <p>{t("emptyText")}</p>
          <div className="mt-3 flex justify-center">{createButton}</div>
        </EmptyState>
        {createDialog}
      </>
    );
  }

  return (
    <>
      <DataTable
        label={all ? t("allRouters") : t("title")}
        columns={cols}
        rowKey={(r) => r.id}
        rowQuery={(r) => routerQuery(r.id)}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("noRouters")}
        emptyHint={all ? t("noRoutersAll") : undefined}
        filtered={Boolean(status)}
        filters={
          <StatusFilter
            value={status}
            onChange={(value) => {
              list.setFilter("status", value);
            }}
          />
        }
        toolbar={createButton}
        rowActions={(r) => (
          <RowMenu
            subject={r.name || r.id}
            items={routerMenuItems(
              tMenu,
              r,
              (action) => dialogs.open(action, r),
              () => navigation.push(`${base}/${r.id}`),
            )}
          />
        )}
      />
      {createDialog}
      <RouterDialogs dialog={dialogs.dialog} close={dialogs.close} isAdmin={me.data?.isAdmin ?? false} />
    </>
  );
}
