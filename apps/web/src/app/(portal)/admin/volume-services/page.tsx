import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { VolumeServicesView } from "./volume-services-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.volumeServices");
  return { title: t("title") };
}

export default async function VolumeServicesPage() {
  const t = await getTranslations("admin.volumeServices");
  return (
    <ClientMessages namespaces={["admin.services", "admin.volumeServices", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <VolumeServicesView />
    </ClientMessages>
  );
}
