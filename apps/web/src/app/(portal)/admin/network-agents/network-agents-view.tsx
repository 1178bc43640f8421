"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Power, PowerOff } from "lucide-react";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import {
  ADMIN_STATE_OPTIONS,
  AGENT_TYPES,
  type AgentFilterValues,
  ALIVE_OPTIONS,
  agentFilterInput,
  heartbeatText,
  toggleEffect,
} from "./agent-rows";

type Agent = RouterOutputs["admin"]["network"]["agents"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["admin"]["network"]["agents"]["list"]["sort"]>;

/** Heartbeats age while the page is open; re-read the list this often so "alive" stays true. */
const REFRESH_MS = 30_000;

const muted = <span className="text-fg-muted">—</span>;

const COLUMNS: Column<Agent, SortKey>[] = [
  {
    key: "host",
    header: "Host",
    sortKey: "host",
    cell: (a) => <span className="font-medium whitespace-nowrap">{a.host}</span>,
  },
  {
    key: "type",
    header: "Type",
    sortKey: "type",
    cell: (a) => <span className="whitespace-nowrap">{a.type}</span>,
  },
  {
    key: "binary",
    header: "Binary",
    sortKey: "binary",
    cell: (a) => <code className="text-xs">{a.binary}</code>,
  },
  { key: "zone", header: "Zone", sortKey: "availabilityZone", cell: (a) => a.availabilityZone ?? muted },
  {
    key: "alive",
    header: "Alive",
    sortKey: "alive",
    cell: (a) => <ToneBadge tone={a.alive ? "success" : "danger"}>{a.alive ? "Alive" : "Down"}</ToneBadge>,
  },
  {
    key: "adminState",
    header: "Admin state",
    sortKey: "adminStateUp",
    cell: (a) => (
      <ToneBadge tone={a.adminStateUp ? "success" : "muted"}>
        {a.adminStateUp ? "Enabled" : "Disabled"}
      </ToneBadge>
    ),
  },
  {
    key: "heartbeat",
    header: "Last heartbeat",
    sortKey: "heartbeatAt",
    cell: (a) => {
      const text = heartbeatText(a.heartbeatAt);
      return a.heartbeatAt ? (
        <time dateTime={a.heartbeatAt} title={text.absolute} className="whitespace-nowrap">
          {text.relative}
        </time>
      ) : (
        <span className="text-fg-muted">{text.relative}</span>
      );
    },
  },
];

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

const TYPE_OPTIONS = AGENT_TYPES.map((t) => ({ value: t, label: t }));

/** Neutron's agents of every network host, paged, sorted and filtered by the BFF. */
export function NetworkAgentsView() {
  const list = useListParams<SortKey>({ sort: "host", dir: "asc" });
  const [filters, setFilters] = useState<AgentFilterValues>({ type: "", alive: "", adminState: "" });
  const [toggling, setToggling] = useState<Agent | null>(null);
  const toast = useToast();
  const utils = trpc.useUtils();
  const { setPage } = list;

  const query = trpc.admin.network.agents.list.useQuery(
    { ...list.params, ...agentFilterInput(filters) },
    { placeholderData: keepPreviousData, refetchInterval: REFRESH_MS },
  );
  const setEnabled = trpc.admin.network.agents.setEnabled.useMutation({
    onSuccess: (a) => {
      void utils.admin.network.agents.invalidate();
      toast.show(`${a.type} on ${a.host} ${a.adminStateUp ? "enabled" : "disabled"}.`);
      setToggling(null);
    },
  });

  /** A filter change starts again at page 1. */
  const filterBy = (key: keyof AgentFilterValues) => (value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const close = () => {
    setEnabled.reset();
    setToggling(null);
  };

  return (
    <>
      <DataTable
        label="Network agents"
        columns={COLUMNS}
        rowKey={(a) => a.id}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        searchLabel="Filter by host, type or binary"
        emptyTitle="No network agents have registered."
        emptyHint="Each network host registers its agents when its network agent connects. Start one (see apps/network-agent/README.md)."
        filtered={Boolean(filters.type || filters.alive || filters.adminState)}
        filters={
          <>
            <FilterSelect
              label="Type"
              value={filters.type}
              onChange={filterBy("type")}
              anyLabel="Any type"
              options={TYPE_OPTIONS}
            />
            <FilterSelect
              label="Alive"
              value={filters.alive}
              onChange={filterBy("alive")}
              anyLabel="Alive or down"
              options={ALIVE_OPTIONS}
            />
            <FilterSelect
              label="Admin state"
              value={filters.adminState}
              onChange={filterBy("adminState")}
              anyLabel="Any state"
              options={ADMIN_STATE_OPTIONS}
            />
          </>
        }
        rowActions={(a) => (
          <RowAction
            icon={a.adminStateUp ? PowerOff : Power}
            label={a.adminStateUp ? "Disable" : "Enable"}
            subject={`${a.type} on ${a.host}`}
            danger={a.adminStateUp}
            onClick={() => {
              setEnabled.reset();
              setToggling(a);
            }}
          />
        )}
      />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.adminStateUp ? "Disable network agent" : "Enable network agent"}
        confirmLabel={toggling?.adminStateUp ? "Disable agent" : "Enable agent"}
        busy={setEnabled.isPending}
        error={setEnabled.error ? errorMessageOf(setEnabled.error) : null}
        onCancel={close}
        onConfirm={() => toggling && setEnabled.mutate({ id: toggling.id, enabled: !toggling.adminStateUp })}
      >
        {toggling ? (
          <p>
            {toggling.adminStateUp ? "Disable" : "Enable"} the <strong>{toggling.type}</strong> on{" "}
            <strong>{toggling.host}</strong>? {toggleEffect(toggling)}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
