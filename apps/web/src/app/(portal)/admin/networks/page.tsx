import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";
import { NETWORKS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All networks" };

export default async function AdminNetworksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { create } = await searchParams;
  return (
    <>
      <PageHeader
        title="All networks"
        description="Networks of every project. Create provider networks here: flat ones on a physical network, VXLAN ones with a chosen id, external ones for routers' gateways and floating IPs."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={NETWORKS_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <NetworksTable scope="all" openCreate={create === "1"} />
      </PrefetchedList>
    </>
  );
}
