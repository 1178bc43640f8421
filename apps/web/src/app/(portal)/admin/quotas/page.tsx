import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
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
      <QuotasView />
    </ClientMessages>
  );
}
