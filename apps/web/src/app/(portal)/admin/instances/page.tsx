import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstancesTable } from "@/components/compute/instances-table";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.instances");
  return { title: t("title") };
}

export default async function AdminInstancesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.instances");
  return (
    <ClientMessages
      namespaces={[
        "compute.actionDialogs",
        "compute.actions",
        "compute.addresses",
        "compute.instances",
        "compute.states",
        "dataTable",
        "volume",
      ]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/admin/instances" fallback={<TableSkeleton />} searchParams={searchParams}>
        <InstancesTable scope="all" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
