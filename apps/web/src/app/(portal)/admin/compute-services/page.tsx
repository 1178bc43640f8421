import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { ComputeServicesView } from "./compute-services-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.computeServices");
  return { title: t("title") };
}

export default async function ComputeServicesPage() {
  const t = await getTranslations("admin.computeServices");
  return (
    <ClientMessages namespaces={["admin.computeServices", "admin.services", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <ComputeServicesView />
    </ClientMessages>
  );
}
