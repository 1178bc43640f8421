import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { TopologyView } from "@/components/topology/topology-view";
import { ClientMessages } from "@/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.topology");
  return { title: t("metaTitle") };
}

export default async function AdminNetworkTopologyPage() {
  const t = await getTranslations("admin.pages.topology");
  return (
    <ClientMessages namespaces={["compute.actionDialogs", "compute.actions", "compute.states", "topology"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <noscript>
        <p className="mb-3 rounded-md border border-border bg-surface px-3 py-2 text-sm">{t("noscript")}</p>
      </noscript>
      <TopologyView scope="all" />
    </ClientMessages>
  );
}
