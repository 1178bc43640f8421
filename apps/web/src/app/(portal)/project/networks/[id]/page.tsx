import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/auth/current-session";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ClientMessages } from "@/i18n/client-messages";
import { networkQuery } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";
import { NetworkDetail } from "./network-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.networks");
  return { title: t("detailTitle") };
}

export default async function NetworkPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, currentSession()]);
  // The overview tab renders with the network on the server; subnets, ports and instances ask when opened.
  return (
    <ClientMessages
      namespaces={[
        "compute.states",
        "dataTable",
        "network.instancesPanel",
        "network.networkDetail",
        "network.networkForm",
        "network.networkOverview",
        "network.networks",
        "network.ports",
        "network.status",
        "network.subnetForm",
        "network.subnetsPanel",
        "network.validation",
      ]}
    >
      <Prefetched fallback={<TableSkeleton rows={4} />} queries={[networkQuery(id)]}>
        <NetworkDetail id={id} isAdmin={session?.isAdmin ?? false} />
      </Prefetched>
    </ClientMessages>
  );
}
