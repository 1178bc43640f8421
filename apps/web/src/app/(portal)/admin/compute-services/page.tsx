import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ComputeServicesView } from "./compute-services-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.computeServices");
  return { title: t("title") };
}

export default async function ComputeServicesPage() {
  const t = await getTranslations("admin.computeServices");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ComputeServicesView />
    </>
  );
}
