import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
import { AppCredentialsView } from "./app-credentials-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.appCredentials");
  return { title: t("title") };
}

export default async function ApplicationCredentialsPage({
  searchParams,
}: {
  searchParams: PageSearchParams;
}) {
  const t = await getTranslations("identity.appCredentials");
  return (
    <ClientMessages
      namespaces={["dataTable", "identity.appCredentials", "identity.fields", "identity.validation"]}
    >
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage
        href="/identity/application-credentials"
        fallback={<TableSkeleton />}
        searchParams={searchParams}
      >
        <AppCredentialsView />
      </PrefetchedPage>
    </ClientMessages>
  );
}
