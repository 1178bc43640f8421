import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
import { UsersView } from "./users-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("identity.users");
  return { title: t("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("identity.users");
  return (
    <ClientMessages namespaces={["dataTable", "identity.fields", "identity.users", "identity.validation"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/identity/users" fallback={<TableSkeleton />} searchParams={searchParams}>
        <UsersView />
      </PrefetchedPage>
    </ClientMessages>
  );
}
