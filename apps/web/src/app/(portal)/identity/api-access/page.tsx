import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { env } from "@/env";
import { ClientMessages } from "@/i18n/client-messages";
import { ApiAccessView } from "./api-access-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.apiAccess");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ApiAccessPage() {
  const t = await getTranslations("identity.apiAccess");
  return (
    <ClientMessages namespaces={["dataTable", "identity.apiAccess"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <ApiAccessView identityUrl={env().ZENITH_KEYSTONE_URL} />
    </ClientMessages>
  );
}
