import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ClientMessages } from "@/i18n/client-messages";
import { instanceQuery } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { InstanceDetail } from "./instance-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.detail");
  return { title: t("title") };
}

export default async function InstancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { id } = await params;
  // `?tab=serial` opens a tab directly (the topology's "Console" link).
  const { tab } = await searchParams;
  // The header and overview tab render with the instance on the server; the other tabs ask when opened.
  return (
    <ClientMessages
      namespaces={[
        "charts.timeSeries",
        "compute.actionDialogs",
        "compute.actionLog",
        "compute.actions",
        "compute.console",
        "compute.consoleLog",
        "compute.detail",
        "compute.interfaces",
        "compute.metrics",
        "compute.overview",
        "compute.states",
        "compute.volumes",
        "dataTable",
        "volume",
      ]}
    >
      <Prefetched fallback={<TableSkeleton rows={4} />} queries={[instanceQuery(id)]}>
        <InstanceDetail id={id} initialTab={typeof tab === "string" ? tab : undefined} />
      </Prefetched>
    </ClientMessages>
  );
}
