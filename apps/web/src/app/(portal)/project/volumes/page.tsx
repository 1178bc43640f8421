import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { VOLUMES_LIST } from "@/lib/lists/volume";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { VolumesView } from "./volumes-view";

export const metadata: Metadata = { title: "Volumes" };

export default async function VolumesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { tab } = await searchParams;
  return (
    <>
      <PageHeader
        title="Volumes"
        description="Block storage that outlives instances: attach a volume to one instance at a time, snapshot it, back it up or hand it to another project."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={VOLUMES_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <VolumesView initialTab={typeof tab === "string" ? tab : undefined} />
      </PrefetchedList>
    </>
  );
}
