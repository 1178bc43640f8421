import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { VolumeTypesView } from "./volume-types-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.volumeTypes");
  return { title: t("title") };
}

export default async function VolumeTypesPage() {
  const t = await getTranslations("admin.volumeTypes");
  return (
    <ClientMessages namespaces={["admin.volumeTypes", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <VolumeTypesView />
    </ClientMessages>
  );
}
