import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { SecurityGroupsTable } from "@/components/network/security-groups-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.securityGroups");
  return { title: t("title") };
}

export default async function SecurityGroupsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("network.securityGroups");
  return (
    <ClientMessages
      namespaces={["dataTable", "network.securityGroupForm", "network.securityGroups", "network.validation"]}
    >
      <PageHeader title={t("title")} description={t("description")} />

      <PrefetchedPage
        href="/project/security-groups"
        fallback={<TableSkeleton />}
        searchParams={searchParams}
      >
        <SecurityGroupsTable />
      </PrefetchedPage>
    </ClientMessages>
  );
}
