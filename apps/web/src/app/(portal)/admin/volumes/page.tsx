import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { VolumesTable } from "@/components/volume/volumes-table";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.volumes");
  return { title: t("title") };
}

export default async function AdminVolumesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.volumes");
  return (
    <ClientMessages namespaces={["dataTable", "volume"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/admin/volumes" fallback={<TableSkeleton />} searchParams={searchParams}>
        <VolumesTable scope="all" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
