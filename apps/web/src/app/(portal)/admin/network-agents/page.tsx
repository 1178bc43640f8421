import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { NetworkAgentsView } from "./network-agents-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.networkAgents");
  return { title: t("title") };
}

export default async function NetworkAgentsPage() {
  const t = await getTranslations("admin.networkAgents");
  return (
    <ClientMessages namespaces={["admin.networkAgents", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <NetworkAgentsView />
    </ClientMessages>
  );
}
