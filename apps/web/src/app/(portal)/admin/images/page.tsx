import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { IMAGES_LIST } from "@/lib/lists/images";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.images");
  return { title: t("title") };
}

export default async function AdminImagesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const t = await getTranslations("admin.pages.images");
  return (
    <ClientMessages namespaces={["compute.images", "compute.states", "dataTable"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <PrefetchedList fallback={<TableSkeleton />} spec={IMAGES_LIST} scope="all" searchParams={searchParams}>
        <ImagesTable scope="all" />
      </PrefetchedList>
    </ClientMessages>
  );
}
