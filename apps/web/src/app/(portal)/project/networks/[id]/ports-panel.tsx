"use client";

import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { NetworkStatusBadge } from "@/components/network/network-status-badge";
import { PORT_OWNER_LABELS } from "@/lib/network/network-status";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

type Port = RouterOutputs["network"]["ports"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["ports"]["list"]["sort"]>;

const muted = <span className="text-fg-muted">—</span>;

function Owner({ port }: { port: Port }) {
  const label = PORT_OWNER_LABELS[port.owner.kind] ?? port.owner.kind;
  const name = port.owner.name ?? port.owner.id;
  if (port.owner.kind === "instance") {
    return (
      <span>
        {label}{" "}
        <Link href={`/project/instances/${port.owner.id}`} className="text-accent hover:underline">
          {name}
        </Link>
      </span>
    );
  }
  if (port.owner.kind === "router-interface" || port.owner.kind === "router-gateway") {
    return (
      <span>
        {label} <span className="font-medium">{name}</span>
      </span>
    );
  }
  return <span>{label}</span>;
}

const COLUMNS: Column<Port, SortKey>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (p) => p.name || <code className="text-xs text-fg-muted">{p.id.slice(0, 8)}</code>,
  },
  {
    key: "addresses",
    header: "Addresses",
    cell: (p) =>
      p.fixedIps.length === 0 ? (
        muted
      ) : (
        <span className="flex flex-col font-mono text-xs">
          {p.fixedIps.map((f) => (
            <span key={`${f.subnetId}-${f.ip}`}>{f.ip}</span>
          ))}
        </span>
      ),
  },
  { key: "mac", header: "MAC", cell: (p) => <code className="text-xs">{p.macAddress}</code> },
  { key: "owner", header: "Attached to", sortKey: "deviceOwner", cell: (p) => <Owner port={p} /> },
  {
    key: "status",
    header: "Status",
    sortKey: "status",
    cell: (p) => <NetworkStatusBadge status={p.status} />,
  },
];

/** A network's ports, paged by the BFF, with what each is attached to. */
export function PortsPanel({ networkId }: { networkId: string }) {
  const list = useListParams<SortKey>({ sort: "deviceOwner", dir: "asc" }, { prefix: "ports." });
  const query = trpc.network.ports.list.useQuery(
    { networkId, ...list.params },
    { placeholderData: keepPreviousData },
  );
  return (
    <DataTable
      label="Ports"
      columns={COLUMNS}
      rowKey={(p) => p.id}
      list={list}
      data={query.data}
      isLoading={query.isLoading}
      error={query.error}
      onRetry={() => void query.refetch()}
      searchLabel="Filter by name, address or MAC"
      emptyTitle="No ports on this network."
      emptyHint="Ports appear when instances, routers or DHCP attach to the network."
    />
  );
}
