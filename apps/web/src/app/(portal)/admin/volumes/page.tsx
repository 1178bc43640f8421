import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { VolumesTable } from "@/components/volume/volumes-table";
import { VOLUMES_LIST } from "@/lib/lists/volume";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All volumes" };

export default function AdminVolumesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="All volumes"
        description="Every project's volumes. Reset the status of a stuck volume or force-delete one from its actions."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={VOLUMES_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <VolumesTable scope="all" />
      </PrefetchedList>
    </>
  );
}
