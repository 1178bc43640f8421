import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.networks");
  return { title: t("title") };
}

export default async function AdminNetworksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.networks");
  const { create } = await searchParams;
  return (
    <ClientMessages
      namespaces={[
        "dataTable",
        "network.networkForm",
        "network.networks",
        "network.status",
        "network.subnetForm",
        "network.validation",
      ]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/admin/networks" fallback={<TableSkeleton />} searchParams={searchParams}>
        <NetworksTable scope="all" openCreate={create === "1"} />
      </PrefetchedPage>
    </ClientMessages>
  );
}
