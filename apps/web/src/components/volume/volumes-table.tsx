"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { ArrowDownToLine, Plus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { RowMenu } from "@/components/row-menu";
import { Button } from "@/components/ui/button";
import type { Formatter } from "@/i18n/format";
import { VOLUMES_LIST } from "@/lib/lists/volume";
import { useVolumeUpdates } from "@/lib/volume/use-volume-updates";
import { formatGib, type VolumeT, volumeStatusText } from "@/lib/volume/volume-status";
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

function columns(
  t: VolumeT,
  format: Formatter,
  all: boolean,
  detailBase: string,
): Column<VolumeRow, SortKey>[] {
  const cols: Column<VolumeRow, SortKey>[] = [
    {
      key: "name",
      header: t("fields.name"),
      sortKey: "name",
      cell: (v) => (
        <RowLink href={`${detailBase}/${v.id}`} className="font-medium text-accent hover:underline">
          {v.name || <code className="text-xs">{v.id}</code>}
        </RowLink>
      ),
    },
    { key: "size", header: t("fields.size"), sortKey: "size", cell: (v) => formatGib(format, v.size) },
    {
      key: "status",
      header: t("fields.status"),
      sortKey: "status",
      cell: (v) => <VolumeStatusBadge status={v.status} />,
    },
    { key: "type", header: t("fields.type"), sortKey: "type", cell: (v) => v.volumeType ?? muted },
    {
      key: "attachedTo",
      header: t("fields.attachedTo"),
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
    { key: "zone", header: t("fields.zone"), cell: (v) => v.availabilityZone ?? muted },
    { key: "bootable", header: t("fields.bootable"), cell: (v) => (v.bootable ? t("yes") : t("no")) },
  ];
  if (!all) return cols;
  const project: Column<VolumeRow, SortKey> = {
    key: "project",
    header: t("fields.project"),
    cell: (v) => v.projectName ?? <code className="text-xs">{v.projectId}</code>,
  };
  const host: Column<VolumeRow, SortKey> = {
    key: "host",
    header: t("fields.host"),
    cell: (v) => v.host ?? muted,
  };
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

/** Admin: one project's volumes (projects listed once, kept a minute). */
function ProjectFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  const t = useTranslations("volume.table");
  return (
    <FilterSelect
      label={t("projectFilter")}
      value={value}
      onChange={onChange}
      anyLabel={t("allProjects")}
      options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}

type Open = { kind: VolumeMenuAction; volume: VolumeRow } | null;

/** Volumes of the project, or of every project for cloud admins (`scope="all"`), with live status. */
export function VolumesTable({ scope }: { scope: "project" | "all" }) {
  const all = scope === "all";
  const t = useTranslations("volume");
  const format = useFormatter();
  const cols = useMemo(
    () => columns(t, format, all, all ? "/admin/volumes" : "/project/volumes"),
    [t, format, all],
  );
  const statusOptions = useMemo(
    () => STATUSES.map((s) => ({ value: s, label: volumeStatusText(t, s) })),
    [t],
  );
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
        label={t("table.label")}
        columns={cols}
        rowKey={(v) => v.id}
        rowQuery={(v) => volumeQuery(v.id)}
        list={list}
        {...queryProps(query)}
        searchLabel={t("table.search")}
        filters={
          <>
            <FilterSelect
              label={t("table.statusFilter")}
              value={status}
              anyLabel={t("table.anyStatus")}
              options={statusOptions}
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
        emptyTitle={all ? t("table.emptyAll") : t("table.empty")}
        emptyHint={t("table.emptyHint")}
        toolbar={
          all ? null : (
            <>
              <Button onClick={() => setAccepting(true)}>
                <ArrowDownToLine size={16} aria-hidden /> {t("table.acceptTransfer")}
              </Button>
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Plus size={16} aria-hidden /> {t("table.createVolume")}
              </Button>
            </>
          )
        }
        rowActions={(v) => (
          <RowMenu
            subject={v.name || v.id}
            items={volumeMenuItems(t, v, (kind) => setOpen({ kind, volume: v }), { admin: all })}
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
