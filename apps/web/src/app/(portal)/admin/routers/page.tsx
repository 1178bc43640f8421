import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.routers");
  return { title: t("title") };
}

export default async function AdminRoutersPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.routers");
  return (
    <ClientMessages
      namespaces={[
        "dataTable",
        "network.routerDialogs",
        "network.routerMenu",
        "network.routers",
        "network.status",
        "network.validation",
      ]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/admin/routers" fallback={<TableSkeleton />} searchParams={searchParams}>
        <RouterTable scope="all" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
