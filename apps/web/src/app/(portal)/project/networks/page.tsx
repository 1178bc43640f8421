import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";
import { NETWORKS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Networks" };

export default async function NetworksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { create } = await searchParams;
  return (
    <>
      <PageHeader
        title="Networks"
        description="Your project's networks, and the shared and external ones it can use. A network needs a subnet before instances on it get addresses."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={NETWORKS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <NetworksTable scope="project" openCreate={create === "1"} />
      </PrefetchedList>
    </>
  );
}
