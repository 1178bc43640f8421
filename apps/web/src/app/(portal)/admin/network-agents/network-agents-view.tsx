"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Power, PowerOff } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import type { Formatter } from "@/i18n/format";
import { NETWORK_AGENTS_LIST } from "@/lib/lists/network";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import {
  type AgentFilterValues,
  type AgentsT,
  agentFilterInput,
  agentFilterOptions,
  agentTypeLabel,
  heartbeatText,
  toggleEffect,
} from "./agent-rows";

type Agent = RouterOutputs["admin"]["network"]["agents"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["admin"]["network"]["agents"]["list"]["sort"]>;

/** Heartbeats age while the page is open; re-read the list this often so "alive" stays true. */
const REFRESH_MS = 30_000;

const muted = <span className="text-fg-muted">—</span>;

const columns = (t: AgentsT, format: Formatter): Column<Agent, SortKey>[] => [
  {
    key: "host",
    header: t("host"),
    sortKey: "host",
    cell: (a) => <span className="font-medium whitespace-nowrap">{a.host}</span>,
  },
  {
    key: "type",
    header: t("type"),
    sortKey: "type",
    cell: (a) => <span className="whitespace-nowrap">{agentTypeLabel(t, a.type)}</span>,
  },
  {
    key: "binary",
    header: t("binary"),
    sortKey: "binary",
    cell: (a) => <code className="text-xs">{a.binary}</code>,
  },
  { key: "zone", header: t("zone"), sortKey: "availabilityZone", cell: (a) => a.availabilityZone ?? muted },
  {
    key: "alive",
    header: t("alive"),
    sortKey: "alive",
    cell: (a) => (
      <ToneBadge tone={a.alive ? "success" : "danger"}>{a.alive ? t("aliveValue") : t("down")}</ToneBadge>
    ),
  },
  {
    key: "adminState",
    header: t("adminState"),
    sortKey: "adminStateUp",
    cell: (a) => (
      <ToneBadge tone={a.adminStateUp ? "success" : "muted"}>
        {a.adminStateUp ? t("adminStates.enabled") : t("adminStates.disabled")}
      </ToneBadge>
    ),
  },
  {
    key: "heartbeat",
    header: t("lastHeartbeat"),
    sortKey: "heartbeatAt",
    cell: (a) => {
      const text = heartbeatText(t, format, a.heartbeatAt);
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

/** Neutron's agents of every network host, paged, sorted and filtered by the BFF. */
export function NetworkAgentsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("admin.networkAgents");
  const format = useFormatter();
  const cols = useMemo(() => columns(t, format), [t, format]);
  const options = useMemo(() => agentFilterOptions(t), [t]);
  const list = useListParams<SortKey>(NETWORK_AGENTS_LIST.defaults);
  const [filters, setFilters] = useState<AgentFilterValues>({ type: "", alive: "", adminState: "" });
  const [toggling, setToggling] = useState<Agent | null>(null);
  const toast = useToast();
  const utils = trpc.useUtils();
  const { setPage } = list;

  const query = trpc.admin.network.agents.list.useQuery(
    { ...NETWORK_AGENTS_LIST.input("all", list.params, list.filters), ...agentFilterInput(filters) },
    { placeholderData: keepPreviousData, refetchInterval: REFRESH_MS },
  );
  const setEnabled = trpc.admin.network.agents.setEnabled.useMutation({
    onSuccess: (a) => {
      void utils.admin.network.agents.invalidate();
      toast.show(
        t(a.adminStateUp ? "enabledToast" : "disabledToast", {
          type: agentTypeLabel(t, a.type),
          host: a.host,
        }),
      );
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
        label={t("tableLabel")}
        columns={cols}
        rowKey={(a) => a.id}
        list={list}
        {...queryProps(query)}
        searchLabel={t("search")}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint", { readme: "apps/network-agent/README.md" })}
        filtered={Boolean(filters.type || filters.alive || filters.adminState)}
        filters={
          <>
            <FilterSelect
              label={t("type")}
              value={filters.type}
              onChange={filterBy("type")}
              anyLabel={t("anyType")}
              options={options.types}
            />
            <FilterSelect
              label={t("alive")}
              value={filters.alive}
              onChange={filterBy("alive")}
              anyLabel={t("aliveOrDown")}
              options={options.alive}
            />
            <FilterSelect
              label={t("adminState")}
              value={filters.adminState}
              onChange={filterBy("adminState")}
              anyLabel={t("anyState")}
              options={options.adminState}
            />
          </>
        }
        rowActions={(a) => (
          <RowAction
            icon={a.adminStateUp ? PowerOff : Power}
            label={a.adminStateUp ? t("disable") : t("enable")}
            subject={t("subject", { type: agentTypeLabel(t, a.type), host: a.host })}
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
        title={toggling?.adminStateUp ? t("disableTitle") : t("enableTitle")}
        confirmLabel={toggling?.adminStateUp ? t("disableSubmit") : t("enableSubmit")}
        busy={setEnabled.isPending}
        error={setEnabled.error ? errorMessageOf(setEnabled.error) : null}
        onCancel={close}
        onConfirm={() => toggling && setEnabled.mutate({ id: toggling.id, enabled: !toggling.adminStateUp })}
      >
        {toggling ? (
          <p>
            {t.rich(toggling.adminStateUp ? "disableConfirm" : "enableConfirm", {
              type: agentTypeLabel(t, toggling.type),
              host: toggling.host,
              effect: toggleEffect(t, toggling),
              strong: (c) => <strong>{c}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
