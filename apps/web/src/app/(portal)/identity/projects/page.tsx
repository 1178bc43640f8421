import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { PROJECTS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { ProjectsView } from "./projects-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.projects");
  return { title: t("title") };
}

export default async function ProjectsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("identity.projects");
  return (
    <ClientMessages namespaces={["dataTable", "identity.fields", "identity.projects", "identity.validation"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={PROJECTS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <ProjectsView />
      </PrefetchedList>
    </ClientMessages>
  );
}
