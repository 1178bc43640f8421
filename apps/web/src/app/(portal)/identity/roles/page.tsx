import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ROLES_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { RolesView } from "./roles-view";

export const metadata: Metadata = { title: "Roles" };

export default function RolesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Roles"
        description="Roles name what a user may do in a project. admin implies member, member implies reader."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={ROLES_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <RolesView />
      </PrefetchedList>
    </>
  );
}
