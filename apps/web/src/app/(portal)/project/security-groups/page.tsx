import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { SecurityGroupsTable } from "@/components/network/security-groups-table";
import { PageHeader } from "@/components/page-header";
import { SECURITY_GROUPS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Security groups" };

export default function SecurityGroupsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Security groups"
        description="Firewall rules for your instances' ports. Every project has a default group; its instances may talk to each other."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={SECURITY_GROUPS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <SecurityGroupsTable />
      </PrefetchedList>
    </>
  );
}
