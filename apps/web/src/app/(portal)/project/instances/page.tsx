import type { Metadata } from "next";
import { InstancesTable } from "@/components/compute/instances-table";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { INSTANCES_LIST } from "@/lib/lists/compute";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Instances" };

export default function InstancesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Instances"
        description="Virtual machines of this project. Status changes appear as they happen."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={INSTANCES_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <InstancesTable scope="project" />
      </PrefetchedList>
    </>
  );
}
