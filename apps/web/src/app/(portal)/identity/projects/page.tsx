import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { PROJECTS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { ProjectsView } from "./projects-view";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Projects"
        description="Projects own cloud resources. Members get roles on a project; quotas apply per project."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={PROJECTS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <ProjectsView />
      </PrefetchedList>
    </>
  );
}
