import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { LaunchWizard } from "./launch-wizard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.launch");
  return { title: t("title") };
}

interface LaunchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LaunchInstancePage({ searchParams }: LaunchPageProps) {
  const params = await searchParams;
  const t = await getTranslations("compute.launch");
  const imageId = typeof params.imageId === "string" ? params.imageId : undefined;
  // The topology diagram links here with the network to launch on.
  const networkId = typeof params.network === "string" ? params.network : undefined;
  return (
    <ClientMessages namespaces={["compute.launch", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <LaunchWizard initialImageId={imageId} initialNetworkId={networkId} />
    </ClientMessages>
  );
}
