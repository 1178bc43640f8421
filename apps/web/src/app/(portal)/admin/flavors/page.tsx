import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { FlavorsView } from "./flavors-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.flavors");
  return { title: t("title") };
}

export default async function FlavorsPage() {
  const t = await getTranslations("admin.flavors");
  return (
    <ClientMessages namespaces={["admin.flavors", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <FlavorsView />
    </ClientMessages>
  );
}
