import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { SecurityGroupDetail } from "@/components/network/security-group-detail";
import { ClientMessages } from "@/i18n/client-messages";
import { securityGroupQuery } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.securityGroups");
  return { title: t("detailTitle") };
}

export default async function SecurityGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <ClientMessages
      namespaces={[
        "dataTable",
        "network.ruleDialog",
        "network.ruleLabels",
        "network.securityGroupDetail",
        "network.securityGroupForm",
        "network.securityGroups",
        "network.validation",
      ]}
    >
      <Prefetched fallback={<TableSkeleton rows={4} />} queries={[securityGroupQuery(id)]}>
        <SecurityGroupDetail id={id} />
      </Prefetched>
    </ClientMessages>
  );
}
