import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { type PageSearchParams, PrefetchedPage } from "@/trpc/prefetched-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.images");
  return { title: t("title") };
}

export default async function ImagesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("compute.images");
  return (
    <ClientMessages namespaces={["compute.images", "compute.states", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedPage href="/project/images" fallback={<TableSkeleton />} searchParams={searchParams}>
        <ImagesTable scope="project" />
      </PrefetchedPage>
    </ClientMessages>
  );
}
