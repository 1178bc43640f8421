import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstancesTable } from "@/components/compute/instances-table";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.instances");
  return { title: t("title") };
}

export default async function InstancesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("compute.instances");
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
      <PrefetchedPage href="/project/instances" fallback={<TableSkeleton />} searchParams={searchParams}>
        <InstancesTable scope="project" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
