"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Rocket, Server } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Age } from "@/components/age";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { EmptyState } from "@/components/empty-state";
import { RowMenu } from "@/components/row-menu";
import { Button, buttonClasses } from "@/components/ui/button";
import { lazyDialog } from "@/components/ui/lazy-dialog";
import { type Formatter, formatMb } from "@/i18n/format";
import { actionLabel, useInstanceActionTexts } from "@/lib/compute/action-texts";
import { actionBlockedReason, BULK_ACTIONS } from "@/lib/compute/instance-actions";
import { INSTANCE_STATUSES } from "@/lib/compute/instance-status";
import { useStateLabels } from "@/lib/compute/state-labels";
import { useInstanceActions } from "@/lib/compute/use-instance-actions";
import { useInstanceUpdates } from "@/lib/compute/use-instance-updates";
import { INSTANCES_LIST, type InstanceFilter } from "@/lib/lists/compute";
import { instanceQuery } from "@/trpc/page-queries";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { InstanceAddresses } from "./instance-addresses";
import { instanceMenuItems } from "./instance-menu-items";
import { InstanceStatusBadge } from "./instance-status-badge";

type Instance = RouterOutputs["compute"]["instances"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["compute"]["instances"]["list"]["sort"]>;

const muted = <span className="text-fg-muted">—</span>;

// The action dialogs (snapshot, resize, rebuild forms and their zod schemas) and the attach form load on first open.
const InstanceActionDialogs = lazyDialog(
  () => import("./instance-action-dialogs").then((m) => m.InstanceActionDialogs),
  (props) => props.api.pending !== null,
);
const AttachVolumeDialog = lazyDialog(
  () => import("@/components/volume/attach-dialogs").then((m) => m.AttachVolumeDialog),
  () => true,
);

type TableT = ReturnType<typeof useTranslations<"compute.instances">>;

function projectColumns(t: TableT, format: Formatter): Column<Instance, SortKey>[] {
  return [
    {
      key: "name",
      header: t("name"),
      sortKey: "name",
      cell: (i) => (
        <RowLink
          href={`/project/instances/${i.id}`}
          className="font-medium whitespace-nowrap text-accent hover:underline"
        >
          {i.name || i.id}
        </RowLink>
      ),
    },
    {
      key: "status",
      header: t("status"),
      sortKey: "status",
      cell: (i) => <InstanceStatusBadge status={i.status} taskState={i.taskState} />,
    },
    {
      key: "addresses",
      header: t("ipAddresses"),
      cell: (i) => (i.ipAddresses.length > 0 ? <InstanceAddresses addresses={i.ipAddresses} /> : muted),
    },
    {
      key: "flavor",
      header: t("flavor"),
      cell: (i) => (
        <span
          title={t("flavorSummary", {
            vcpus: i.flavor.vcpus,
            ram: formatMb(format, i.flavor.ram),
            disk: i.flavor.disk,
          })}
        >
          {i.flavor.name}
        </span>
      ),
    },
    { key: "image", header: t("image"), cell: (i) => i.image?.name || muted },
    { key: "keyName", header: t("keyPair"), cell: (i) => i.keyName || muted },
    { key: "az", header: t("az"), cell: (i) => i.availabilityZone || muted },
    {
      key: "age",
      header: t("age"),
      sortKey: "created",
      cell: (i) => <Age iso={i.created} />,
    },
  ];
}

function adminColumns(t: TableT, format: Formatter): Column<Instance, SortKey>[] {
  const [name, ...rest] = projectColumns(t, format);
  const project: Column<Instance, SortKey> = {
    key: "project",
    header: t("project"),
    cell: (i) => i.projectName ?? <code className="text-xs">{i.projectId}</code>,
  };
  const host: Column<Instance, SortKey> = { key: "host", header: t("host"), cell: (i) => i.host || muted };
  return name ? [name, project, host, ...rest] : [project, host, ...rest];
}

interface FilterSelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  anyLabel: string;
}

function FilterSelect({ label, value, onChange, options, anyLabel }: FilterSelectProps) {
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

function AdminFilters({
  host,
  projectId,
  onHost,
  onProject,
}: {
  host: string;
  projectId: string;
  onHost: (v: string) => void;
  onProject: (v: string) => void;
}) {
  const t = useTranslations("compute.instances");
  const hypervisors = trpc.admin.hypervisors.list.useQuery(undefined, { staleTime: 60_000 });
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { staleTime: 60_000 },
  );
  return (
    <>
      <FilterSelect
        label={t("project")}
        value={projectId}
        onChange={onProject}
        anyLabel={t("allProjects")}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      />
      <FilterSelect
        label={t("host")}
        value={host}
        onChange={onHost}
        anyLabel={t("allHosts")}
        options={(hypervisors.data ?? []).map((h) => ({ value: h.hostname, label: h.hostname }))}
      />
    </>
  );
}

/**
 * The instances table: server-paged, sorted and filtered; rows change live
 * from the push stream. `scope="all"` is the admin view over every project.
 */
export function InstancesTable({ scope }: { scope: "project" | "all" }) {
  const all = scope === "all";
  const t = useTranslations("compute.instances");
  const format = useFormatter();
  const states = useStateLabels();
  const actionTexts = useInstanceActionTexts();
  const list = useListParams<SortKey, InstanceFilter>(INSTANCES_LIST.defaults, {
    filters: INSTANCES_LIST.filters,
  });
  const { status, host, project: projectId } = list.filters;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [attachTo, setAttachTo] = useState<{ id: string; name: string } | null>(null);
  const { setFilter } = list;

  const input = INSTANCES_LIST.input(scope, list.params, list.filters);
  const query = trpc.compute.instances.list.useQuery(input, { placeholderData: keepPreviousData });
  useInstanceUpdates({ allProjects: all, watch: query.data?.items.map((i) => i.id) });
  const actions = useInstanceActions((action, ids) => {
    if (action === "delete") setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
  });

  /** A filter change starts again at page 1 (setFilter does). */
  const filterBy = (key: InstanceFilter) => (value: string) => setFilter(key, value);

  const rows = query.data?.items ?? [];
  const selectedRows = rows.filter((i) => selected.has(i.id));
  const columns = useMemo(
    () => (all ? adminColumns(t, format) : projectColumns(t, format)),
    [all, t, format],
  );
  const statusOptions = useMemo(
    () => INSTANCE_STATUSES.map((s) => ({ value: s, label: states.instanceStatus(s) })),
    [states],
  );

  if (!all && query.data && query.data.total === 0 && !list.params.q && !status) {
    return (
      <EmptyState icon={Server} title={t("empty")}>
        <p>{t("emptyHint")}</p>
        <Link href="/project/instances/launch" className={`${buttonClasses("primary")} mt-3`}>
          <Rocket size={16} aria-hidden /> {t("launch")}
        </Link>
      </EmptyState>
    );
  }

  return (
    <>
      {selectedRows.length > 0 ? (
        <div
          role="toolbar"
          aria-label={t("bulkActions")}
          className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-border bg-accent-soft px-3 py-2 text-sm"
        >
          <span className="font-medium">{t("selectedCount", { count: selectedRows.length })}</span>
          {BULK_ACTIONS.map((action) => {
            const applicable = selectedRows.filter((i) => actionBlockedReason(action, i) === null);
            return (
              <Button
                key={action}
                size="sm"
                variant={action === "delete" ? "danger" : "secondary"}
                disabled={applicable.length === 0}
                title={applicable.length === 0 ? t("noneCanBulk", { action }) : undefined}
                onClick={() => actions.request(action, applicable)}
              >
                {applicable.length !== selectedRows.length
                  ? t("bulkPartial", { action: actionLabel(actionTexts, action), count: applicable.length })
                  : actionLabel(actionTexts, action)}
              </Button>
            );
          })}
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            {t("clearSelection")}
          </Button>
        </div>
      ) : null}
      <DataTable
        label={all ? t("allTitle") : t("title")}
        columns={columns}
        rowKey={(i) => i.id}
        rowQuery={(i) => instanceQuery(i.id)}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("emptyFiltered")}
        filtered={Boolean(status || host || projectId)}
        filters={
          <>
            <FilterSelect
              label={t("status")}
              value={status}
              onChange={filterBy("status")}
              anyLabel={t("anyStatus")}
              options={statusOptions}
            />
            {all ? (
              <AdminFilters
                host={host}
                projectId={projectId}
                onHost={filterBy("host")}
                onProject={filterBy("project")}
              />
            ) : null}
          </>
        }
        toolbar={
          all ? null : (
            <Link href="/project/instances/launch" className={buttonClasses("primary")}>
              <Rocket size={16} aria-hidden /> {t("launch")}
            </Link>
          )
        }
        selection={{
          selected,
          onChange: setSelected,
          rowLabel: (i) => t("selectRow", { name: i.name || i.id }),
        }}
        rowActions={(i) => (
          <RowMenu
            subject={i.name || i.id}
            items={[
              ...instanceMenuItems(i, actions, actionTexts),
              {
                key: "attachVolume",
                label: t("attachVolume"),
                disabledReason:
                  i.status === "ACTIVE" || i.status === "SHUTOFF" ? null : t("attachUnavailable"),
                onSelect: () => setAttachTo({ id: i.id, name: i.name || i.id }),
              },
            ]}
          />
        )}
      />
      <InstanceActionDialogs api={actions} />
      {attachTo ? <AttachVolumeDialog instance={attachTo} onClose={() => setAttachTo(null)} /> : null}
    </>
  );
}
