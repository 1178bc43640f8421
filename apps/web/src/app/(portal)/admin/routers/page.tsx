import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";
import { ROUTERS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All routers" };

export default function AdminRoutersPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="All routers"
        description="Routers of every project, with their gateways and interfaces. Actions apply to the router's own project."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={ROUTERS_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <RouterTable scope="all" />
      </PrefetchedList>
    </>
  );
}
