import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";
import { ROUTERS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Routers" };

interface RoutersPageProps {
  searchParams: PageSearchParams;
}

export default async function RoutersPage({ searchParams }: RoutersPageProps) {
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="Routers"
        description="Routers connect this project's networks to each other and, through a gateway, to an external network."
      />
      {/* ?create=1 (from the topology diagram) opens the create dialog. */}
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={ROUTERS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <RouterTable scope="project" openCreate={params.create === "1"} />
      </PrefetchedList>
    </>
  );
}
