"use client";

import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

type Instance = RouterOutputs["network"]["networks"]["instances"]["items"][number];
type SortKey = NonNullable<RouterInputs["network"]["networks"]["instances"]["sort"]>;
type PanelT = ReturnType<typeof useTranslations<"network.instancesPanel">>;

const columns = (t: PanelT): Column<Instance, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    cell: (i) => (
      <Link href={`/project/instances/${i.id}`} className="font-medium text-accent hover:underline">
        {i.name || i.id}
      </Link>
    ),
  },
  {
    key: "addresses",
    header: t("addresses"),
    sortKey: "address",
    cell: (i) => <span className="font-mono text-xs">{i.addresses.join(", ")}</span>,
  },
  {
    key: "status",
    header: t("status"),
    cell: (i) => <InstanceStatusBadge status={i.status} taskState={null} />,
  },
];

/** The instances with a port on this network, paged by the BFF, linking to their pages. */
export function InstancesPanel({ networkId }: { networkId: string }) {
  const t = useTranslations("network.instancesPanel");
  const COLUMNS = useMemo(() => columns(t), [t]);
  const list = useListParams<SortKey>({ sort: "address", dir: "asc" }, { prefix: "instances." });
  const query = trpc.network.networks.instances.useQuery(
    { networkId, ...list.params },
    { placeholderData: keepPreviousData },
  );
  return (
    <DataTable
      label={t("label")}
      columns={COLUMNS}
      rowKey={(i) => i.id}
      list={list}
      {...queryProps(query)}
      searchLabel={t("search")}
      emptyTitle={t("empty")}
      emptyHint={t("emptyHint")}
    />
  );
}
