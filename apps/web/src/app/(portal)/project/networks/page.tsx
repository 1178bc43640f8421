import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { NETWORKS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.networks");
  return { title: t("title") };
}

export default async function NetworksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { create } = await searchParams;
  const t = await getTranslations("network.networks");
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

      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={NETWORKS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <NetworksTable scope="project" openCreate={create === "1"} />
      </PrefetchedList>
    </ClientMessages>
  );
}
