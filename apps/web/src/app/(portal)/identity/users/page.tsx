import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { USERS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { UsersView } from "./users-view";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts that can log in. Give a user a role on a project to let them work in it."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={USERS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <UsersView />
      </PrefetchedList>
    </>
  );
}
