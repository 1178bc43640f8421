import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { FloatingIpsTable } from "@/components/network/floating-ips-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.floatingIps");
  return { title: t("title") };
}

export default async function AdminFloatingIpsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.floatingIps");
  return (
    <ClientMessages
      namespaces={[
        "dataTable",
        "network.floatingIpAllocate",
        "network.floatingIpAssociate",
        "network.floatingIps",
        "network.validation",
      ]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/admin/floating-ips" fallback={<TableSkeleton />} searchParams={searchParams}>
        <FloatingIpsTable scope="all" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
