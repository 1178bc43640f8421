"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Network as NetworkIcon, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Age } from "@/components/age";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { EmptyState } from "@/components/empty-state";
import { RowActionButtons } from "@/components/row-action";
import { Button } from "@/components/ui/button";
import { lazyDialog } from "@/components/ui/lazy-dialog";
import { NETWORKS_LIST } from "@/lib/lists/network";
import { networkQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { networkMenuItems } from "./network-menu-items";
import { AdminStateBadge, NetworkStatusBadge } from "./network-status-badge";

type Network = RouterOutputs["network"]["networks"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["networks"]["list"]["sort"]>;
type NetworksT = ReturnType<typeof useTranslations<"network.networks">>;

const muted = <span className="text-fg-muted">—</span>;

// The forms (and their zod schemas) load on first open.
const NetworkCreateDialog = lazyDialog(
  () => import("./network-create-dialog").then((m) => m.NetworkCreateDialog),
  (props) => props.open,
);
const NetworkEditDialog = lazyDialog(
  () => import("./network-edit-dialog").then((m) => m.NetworkEditDialog),
  (props) => props.network !== null,
);
const NetworkDeleteDialog = lazyDialog(
  () => import("./network-delete-dialog").then((m) => m.NetworkDeleteDialog),
  (props) => props.network !== null,
);

/** Plain pills: these are properties, not states, so none of the status tones (busy would spin). */
function Flag({ children }: { children: string }) {
  return (
    <span className="inline-flex rounded-full border border-border bg-surface-muted px-2 py-0.5 text-xs font-medium text-fg">
      {children}
    </span>
  );
}

function Flags({ n }: { n: Network }) {
  const t = useTranslations("network.networks");
  if (!n.shared && !n.external) return muted;
  return (
    <span className="flex flex-wrap gap-1">
      {n.external ? <Flag>{t("external")}</Flag> : null}
      {n.shared ? <Flag>{t("shared")}</Flag> : null}
    </span>
  );
}

function columns(t: NetworksT, all: boolean): Column<Network, SortKey>[] {
  return [
    {
      key: "name",
      header: t("name"),
      sortKey: "name",
      cell: (n) => (
        <RowLink
          href={`/project/networks/${n.id}`}
          className="font-medium whitespace-nowrap text-accent hover:underline"
        >
          {n.name || n.id}
        </RowLink>
      ),
    },
    ...(all
      ? [
          {
            key: "project",
            header: t("project"),
            cell: (n: Network) =>
              n.projectName || (n.projectId ? <code className="text-xs">{n.projectId}</code> : muted),
          },
        ]
      : []),
    {
      key: "subnets",
      header: t("subnets"),
      cell: (n) =>
        n.subnets.length === 0 ? (
          muted
        ) : (
          <span className="flex flex-col">
            {n.subnets.map((s) => (
              <span key={s.id} className="font-mono text-xs whitespace-nowrap">
                {s.cidr}
                {s.name ? <span className="ml-1 font-sans text-fg-muted">{s.name}</span> : null}
              </span>
            ))}
          </span>
        ),
    },
    { key: "flags", header: t("flags"), cell: (n) => <Flags n={n} /> },
    ...(all
      ? [
          {
            key: "type",
            header: t("type"),
            cell: (n: Network) =>
              n.networkType ? (
                <span className="whitespace-nowrap">
                  {n.networkType}
                  {n.physicalNetwork ? ` · ${n.physicalNetwork}` : ""}
                  {n.segmentationId !== null ? ` · ${n.segmentationId}` : ""}
                </span>
              ) : (
                muted
              ),
          },
        ]
      : []),
    {
      key: "status",
      header: t("status"),
      sortKey: "status",
      cell: (n) => <NetworkStatusBadge status={n.status} />,
    },
    { key: "admin", header: t("adminState"), cell: (n) => <AdminStateBadge up={n.adminStateUp} /> },
    {
      key: "created",
      header: t("created"),
      sortKey: "created",
      cell: (n) =>
        n.created ? (
          <span className="whitespace-nowrap">
            <Age iso={n.created} />
          </span>
        ) : (
          muted
        ),
    },
  ];
}

function ProjectFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useTranslations("network.networks");
  const id = useId();
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {t("project")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{t("allProjects")}</option>
        {(projects.data?.items ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "edit"; network: Network }
  | { kind: "delete"; network: Network };

/**
 * The networks table, paged, sorted and filtered by the BFF. `scope="all"`
 * is Admin → Networks: every project, a project column and filter, and
 * provider networks in the create dialog. `openCreate` opens the create
 * dialog at once (`?create=1`, linked from the topology diagram).
 */
export function NetworksTable({
  scope,
  openCreate = false,
}: {
  scope: "project" | "all";
  openCreate?: boolean;
}) {
  const t = useTranslations("network.networks");
  const all = scope === "all";
  const list = useListParams<SortKey, "project">(NETWORKS_LIST.defaults, { filters: NETWORKS_LIST.filters });
  const projectId = list.filters.project;
  const [dialog, setDialog] = useState<DialogState>(openCreate ? { kind: "create" } : { kind: "none" });
  const router = useRouter();
  const input = NETWORKS_LIST.input(scope, list.params, list.filters);
  const query = trpc.network.networks.list.useQuery(input, { placeholderData: keepPreviousData });
  const cols = useMemo(() => columns(t, all), [t, all]);
  const base = all ? "/admin/networks" : "/project/networks";
  const close = () => {
    // A dialog opened by ?create=1 must not open again on reload.
    if (dialog.kind === "create" && openCreate) router.replace(base);
    setDialog({ kind: "none" });
  };
  const mayChange = (n: Network) => all || n.own;

  const dialogs = (
    <>
      <NetworkCreateDialog
        open={dialog.kind === "create"}
        onClose={close}
        admin={all}
        onCreated={(n) => !all && router.push(`/project/networks/${n.id}`)}
      />
      <NetworkEditDialog
        key={dialog.kind === "edit" ? dialog.network.id : "edit"}
        network={dialog.kind === "edit" ? dialog.network : null}
        admin={all}
        onClose={close}
      />
      <NetworkDeleteDialog network={dialog.kind === "delete" ? dialog.network : null} onClose={close} />
    </>
  );
  const createButton = (
    <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
      <Plus size={16} aria-hidden /> {t("create")}
    </Button>
  );

  if (!all && query.data && query.data.total === 0 && !list.params.q) {
    return (
      <>
        <EmptyState icon={NetworkIcon} title={t("empty")}>
          <p>{t("emptyHint")}</p>
          <div className="mt-3 flex justify-center">{createButton}</div>
        </EmptyState>
        {dialogs}
      </>
    );
  }

  return (
    <>
      <DataTable
        label={all ? t("allNetworks") : t("title")}
        columns={cols}
        rowKey={(n) => n.id}
        rowQuery={(n) => networkQuery(n.id)}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("noMatch")}
        emptyHint={t("noMatchHint")}
        filtered={Boolean(projectId)}
        filters={
          all ? (
            <ProjectFilter
              value={projectId}
              onChange={(v) => {
                list.setFilter("project", v);
              }}
            />
          ) : undefined
        }
        toolbar={createButton}
        rowActions={(n) =>
          mayChange(n) ? (
            <RowActionButtons
              subject={n.name || n.id}
              items={networkMenuItems(t, (action) => setDialog({ kind: action, network: n }), {
                canChange: true,
              })}
            />
          ) : (
            <span className="text-xs text-fg-muted" title={t("ownedByOther")}>
              {n.external ? t("external") : t("shared")}
            </span>
          )
        }
      />
      {dialogs}
    </>
  );
}
