import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
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
      <PrefetchedPage href="/identity/groups" fallback={<TableSkeleton />} searchParams={searchParams}>
        <GroupsView />
      </PrefetchedPage>
    </ClientMessages>
  );
}
