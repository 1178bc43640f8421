import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";
import { VolumesView } from "./volumes-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("volume.page");
  return { title: t("title") };
}

export default async function VolumesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { tab } = await searchParams;
  const t = await getTranslations("volume.page");
  return (
    <ClientMessages namespaces={["dataTable", "volume"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/project/volumes" fallback={<TableSkeleton />} searchParams={searchParams}>
        <VolumesView initialTab={typeof tab === "string" ? tab : undefined} />
      </PrefetchedPage>
    </ClientMessages>
  );
}
