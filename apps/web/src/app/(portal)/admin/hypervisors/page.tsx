import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { HypervisorsView } from "./hypervisors-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.hypervisors");
  return { title: t("title") };
}

export default async function HypervisorsPage() {
  const t = await getTranslations("admin.hypervisors");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HypervisorsView />
    </>
  );
}
