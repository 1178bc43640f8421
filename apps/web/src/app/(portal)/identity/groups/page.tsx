import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { GROUPS_LIST } from "@/lib/lists/identity";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";
import { GroupsView } from "./groups-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.groups");
  return { title: t("title") };
}

export default async function GroupsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("identity.groups");
  return (
    <ClientMessages namespaces={["dataTable", "identity.fields", "identity.groups", "identity.validation"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={GROUPS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <GroupsView />
      </PrefetchedList>
    </ClientMessages>
  );
}
