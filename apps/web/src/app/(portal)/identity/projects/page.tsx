import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
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
      <PrefetchedPage href="/identity/projects" fallback={<TableSkeleton />} searchParams={searchParams}>
        <ProjectsView />
      </PrefetchedPage>
    </ClientMessages>
  );
}
