import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { QuotasView } from "./quotas-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.quotas");
  return { title: t("title") };
}

export default async function QuotasPage() {
  const t = await getTranslations("admin.quotas");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QuotasView />
    </>
  );
}
