import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { KeyPairsView } from "./key-pairs-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.keyPairs");
  return { title: t("title") };
}

export default async function KeyPairsPage() {
  const t = await getTranslations("compute.keyPairs");
  return (
    <ClientMessages namespaces={["compute.keyPairs", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <KeyPairsView />
    </ClientMessages>
  );
}
