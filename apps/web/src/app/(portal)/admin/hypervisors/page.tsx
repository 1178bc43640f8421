import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { HypervisorsView } from "./hypervisors-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.hypervisors");
  return { title: t("title") };
}

export default async function HypervisorsPage() {
  const t = await getTranslations("admin.hypervisors");
  return (
    <ClientMessages namespaces={["admin.hypervisors", "admin.services", "charts.usageBar", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <HypervisorsView />
    </ClientMessages>
  );
}
