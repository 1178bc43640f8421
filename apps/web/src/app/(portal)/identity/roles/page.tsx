import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
import { RolesView } from "./roles-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.roles");
  return { title: t("title") };
}

export default async function RolesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("identity.roles");
  return (
    <ClientMessages namespaces={["dataTable", "identity.fields", "identity.roles", "identity.validation"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/identity/roles" fallback={<TableSkeleton />} searchParams={searchParams}>
        <RolesView />
      </PrefetchedPage>
    </ClientMessages>
  );
}
