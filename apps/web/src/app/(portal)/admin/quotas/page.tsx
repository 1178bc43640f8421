import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { QUOTA_DEFAULTS_QUERY, QUOTA_PROJECTS_QUERY } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { QuotasView } from "./quotas-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.quotas");
  return { title: t("title") };
}

export default async function QuotasPage() {
  const t = await getTranslations("admin.quotas");
  return (
    <ClientMessages namespaces={["admin.quotas", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <Prefetched
        fallback={<TableSkeleton rows={4} />}
        queries={[QUOTA_DEFAULTS_QUERY, QUOTA_PROJECTS_QUERY]}
      >
        <QuotasView />
      </Prefetched>
    </ClientMessages>
  );
}
