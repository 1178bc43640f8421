import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstancesTable } from "@/components/compute/instances-table";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { INSTANCES_LIST } from "@/lib/lists/compute";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

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
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={INSTANCES_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <InstancesTable scope="all" />
      </PrefetchedList>
    </ClientMessages>
  );
}
