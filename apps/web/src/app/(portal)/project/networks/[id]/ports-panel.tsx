"use client";

import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { NetworkStatusBadge } from "@/components/network/network-status-badge";
import { portOwnerKey } from "@/lib/network/network-status";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

type Port = RouterOutputs["network"]["ports"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["ports"]["list"]["sort"]>;
type PortsT = ReturnType<typeof useTranslations<"network.ports">>;

const muted = <span className="text-fg-muted">—</span>;

function Owner({ port }: { port: Port }) {
  const t = useTranslations("network.ports");
  const key = portOwnerKey(port.owner.kind);
  const label = key ? t(`owner.${key}`) : port.owner.kind;
  const name = port.owner.name ?? port.owner.id;
  if (port.owner.kind === "instance") {
    return (
      <span>
        {t.rich("ownerNamed", {
          owner: label,
          name,
          link: (chunks) => (
            <Link href={`/project/instances/${port.owner.id}`} className="text-accent hover:underline">
              {chunks}
            </Link>
          ),
        })}
      </span>
    );
  }
  if (port.owner.kind === "router-interface" || port.owner.kind === "router-gateway") {
    return (
      <span>
        {t.rich("ownerNamed", {
          owner: label,
          name,
          link: (chunks) => <span className="font-medium">{chunks}</span>,
        })}
      </span>
    );
  }

  return <span>{label}</span>;
}

const columns = (t: PortsT): Column<Port, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (p) => p.name || <code className="text-xs text-fg-muted">{p.id.slice(0, 8)}</code>,
  },
  {
    key: "addresses",
    header: t("addresses"),
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
  { key: "mac", header: t("mac"), cell: (p) => <code className="text-xs">{p.macAddress}</code> },
  { key: "owner", header: t("attachedTo"), sortKey: "deviceOwner", cell: (p) => <Owner port={p} /> },
  {
    key: "status",
    header: t("status"),
    sortKey: "status",
    cell: (p) => <NetworkStatusBadge status={p.status} />,
  },
];

/** A network's ports, paged by the BFF, with what each is attached to. */
export function PortsPanel({ networkId }: { networkId: string }) {
  const t = useTranslations("network.ports");
  const COLUMNS = useMemo(() => columns(t), [t]);
  const list = useListParams<SortKey>({ sort: "deviceOwner", dir: "asc" }, { prefix: "ports." });
  const query = trpc.network.ports.list.useQuery(
    { networkId, ...list.params },
    { placeholderData: keepPreviousData },
  );
  return (
    <DataTable
      label={t("label")}
      columns={COLUMNS}
      rowKey={(p) => p.id}
      list={list}
      {...queryProps(query)}
      searchLabel={t("search")}
      emptyTitle={t("empty")}
      emptyHint={t("emptyHint")}
    />
  );
}
