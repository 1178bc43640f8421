import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { GROUPS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { GroupsView } from "./groups-view";

export const metadata: Metadata = { title: "Groups" };

export default function GroupsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups collect users; a role granted to a group on a project applies to every member."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={GROUPS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <GroupsView />
      </PrefetchedList>
    </>
  );
}
