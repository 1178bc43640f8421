import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { APP_CREDENTIALS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { AppCredentialsView } from "./app-credentials-view";

export const metadata: Metadata = { title: "Application credentials" };

export default function ApplicationCredentialsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Application credentials"
        description="Credentials for scripts and tools: they act as you, in the current project, without your password."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={APP_CREDENTIALS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <AppCredentialsView />
      </PrefetchedList>
    </>
  );
}
