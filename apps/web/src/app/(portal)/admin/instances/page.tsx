import type { Metadata } from "next";
import { InstancesTable } from "@/components/compute/instances-table";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { INSTANCES_LIST } from "@/lib/lists/compute";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All instances" };

export default function AdminInstancesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="All instances"
        description="Instances of every project, with the host each one runs on."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={INSTANCES_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <InstancesTable scope="all" />
      </PrefetchedList>
    </>
  );
}
