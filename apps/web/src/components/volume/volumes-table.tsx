"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ArrowDownToLine, Plus } from "lucide-react";
import { useId, useState } from "react";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { RowMenu } from "@/components/row-menu";
import { Button } from "@/components/ui/button";
import { VOLUMES_LIST } from "@/lib/lists/volume";
import { useVolumeUpdates } from "@/lib/volume/use-volume-updates";
import { volumeStatusLabel } from "@/lib/volume/volume-status";
import { instanceQuery, volumeQuery } from "@/trpc/page-queries";
import { type RouterInputs, trpc } from "@/trpc/react";
import { ForceDeleteDialog, ResetStatusDialog } from "./admin-volume-dialogs";
import { ManageAttachmentsDialog } from "./attach-dialogs";
import { CreateVolumeDialog } from "./create-volume-dialog";
import { TransferAcceptDialog } from "./transfer-dialogs";
import { type VolumeDialogKind, VolumeDialogs, type VolumeRow } from "./volume-action-dialogs";
import { type VolumeMenuAction, volumeMenuItems } from "./volume-menu-items";
import { VolumeStatusBadge } from "./volume-status-badge";

type ListInput = RouterInputs["volume"]["list"];
type SortKey = NonNullable<ListInput["sort"]>;

const muted = <span className="text-fg-muted">—</span>;
const STATUSES = ["available", "in-use", "creating", "error", "awaiting-transfer"] as const;

function columns(all: boolean, detailBase: string): Column<VolumeRow, SortKey>[] {
  const cols: Column<VolumeRow, SortKey>[] = [
    {
      key: "name",
      header: "Name",
      sortKey: "name",
      cell: (v) => (
        <RowLink href={`${detailBase}/${v.id}`} className="font-medium text-accent hover:underline">
          {v.name || <code className="text-xs">{v.id}</code>}
        </RowLink>
      ),
    },
    { key: "size", header: "Size", sortKey: "size", cell: (v) => `${v.size} GiB` },
    {
      key: "status",
      header: "Status",
      sortKey: "status",
      cell: (v) => <VolumeStatusBadge status={v.status} />,
    },
    { key: "type", header: "Type", sortKey: "type", cell: (v) => v.volumeType ?? muted },
    {
      key: "attachedTo",
      header: "Attached to",
      sortKey: "attachedTo",
      cell: (v) =>
        v.attachments.length === 0
          ? muted
          : v.attachments.map((a) => (
              <span key={a.serverId} className="block whitespace-nowrap">
                <RowLink
                  href={`/project/instances/${a.serverId}`}
                  query={instanceQuery(a.serverId)}
                  className="text-accent hover:underline"
                >
                  {a.serverName ?? a.serverId}
                </RowLink>{" "}
                {a.device ? <code className="text-xs text-fg-muted">{a.device}</code> : null}
              </span>
            )),
    },
    { key: "zone", header: "Zone", cell: (v) => v.availabilityZone ?? muted },
    { key: "bootable", header: "Bootable", cell: (v) => (v.bootable ? "Yes" : "No") },
  ];
  if (!all) return cols;
  const project: Column<VolumeRow, SortKey> = {
    key: "project",
    header: "Project",
    cell: (v) => v.projectName ?? <code className="text-xs">{v.projectId}</code>,
  };
  const host: Column<VolumeRow, SortKey> = { key: "host", header: "Host", cell: (v) => v.host ?? muted };
  return [...cols.slice(0, 1), project, ...cols.slice(1), host];
}

function FilterSelect({
  label,
  value,
  onChange,
  anyLabel,
  options,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const STATUS_OPTIONS = STATUSES.map((s) => ({ value: s, label: volumeStatusLabel(s) }));

/** Admin: one project's volumes (projects listed once, kept a minute). */
function ProjectFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  return (
    <FilterSelect
      label="Project"
      value={value}
      onChange={onChange}
      anyLabel="All projects"
      options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}

type Open = { kind: VolumeMenuAction; volume: VolumeRow } | null;

/** Volumes of the project, or of every project for cloud admins (`scope="all"`), with live status. */
export function VolumesTable({ scope }: { scope: "project" | "all" }) {
  const all = scope === "all";
  const list = useListParams<SortKey, "status" | "project">(VOLUMES_LIST.defaults, {
    filters: VOLUMES_LIST.filters,
  });
  const { status, project: projectId } = list.filters;
  const query = trpc.volume.list.useQuery(VOLUMES_LIST.input(scope, list.params, list.filters), {
    placeholderData: keepPreviousData,
  });
  useVolumeUpdates({ allProjects: all });
  const [creating, setCreating] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const dialogKind: VolumeDialogKind | null =
    open && open.kind !== "attachments" && open.kind !== "resetStatus" && open.kind !== "forceDelete"
      ? open.kind
      : null;

  return (
    <>
      <DataTable
        label="Volumes"
        columns={columns(all, all ? "/admin/volumes" : "/project/volumes")}
        rowKey={(v) => v.id}
        rowQuery={(v) => volumeQuery(v.id)}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        searchLabel="Filter by name or instance"
        filters={
          <>
            <FilterSelect
              label="Status"
              value={status}
              anyLabel="Any status"
              options={STATUS_OPTIONS}
              onChange={(v) => {
                list.setFilter("status", v);
              }}
            />
            {all ? (
              <ProjectFilter
                value={projectId}
                onChange={(v) => {
                  list.setFilter("project", v);
                }}
              />
            ) : null}
          </>
        }
        filtered={status !== "" || projectId !== ""}
        emptyTitle={all ? "No project has a volume." : "No volumes yet."}
        emptyHint="Create a volume, then attach it to an instance: it keeps its data when instances come and go."
        toolbar={
          all ? null : (
            <>
              <Button onClick={() => setAccepting(true)}>
                <ArrowDownToLine size={16} aria-hidden /> Accept transfer
              </Button>
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Plus size={16} aria-hidden /> Create volume
              </Button>
            </>
          )
        }
        rowActions={(v) => (
          <RowMenu
            subject={v.name || v.id}
            items={volumeMenuItems(v, (kind) => setOpen({ kind, volume: v }), { admin: all })}
          />
        )}
      />
      {creating ? <CreateVolumeDialog open onClose={() => setCreating(false)} /> : null}
      <TransferAcceptDialog open={accepting} onClose={() => setAccepting(false)} />
      <VolumeDialogs
        state={open && dialogKind ? { kind: dialogKind, volume: open.volume } : null}
        onClose={close}
      />
      {open?.kind === "attachments" ? <ManageAttachmentsDialog volume={open.volume} onClose={close} /> : null}
      {open?.kind === "resetStatus" ? <ResetStatusDialog volume={open.volume} onClose={close} /> : null}
      {open?.kind === "forceDelete" ? <ForceDeleteDialog volume={open.volume} onClose={close} /> : null}
    </>
  );
}
