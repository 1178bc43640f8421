import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.routers");
  return { title: t("title") };
}

interface RoutersPageProps {
  searchParams: PageSearchParams;
}

export default async function RoutersPage({ searchParams }: RoutersPageProps) {
  const params = await searchParams;
  const t = await getTranslations("network.routers");
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

      {/* ?create=1 (from the topology diagram) opens the create dialog. */}
      <PrefetchedPage href="/project/routers" fallback={<TableSkeleton />} searchParams={searchParams}>
        <RouterTable scope="project" openCreate={params.create === "1"} />
      </PrefetchedPage>
    </ClientMessages>
  );
}
