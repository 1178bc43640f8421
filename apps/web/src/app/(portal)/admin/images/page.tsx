import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";
import { IMAGES_LIST } from "@/lib/lists/images";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All images" };

export default function AdminImagesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="All images"
        description="Images of every project, with the project that owns each."
      />
      <PrefetchedList fallback={<TableSkeleton />} spec={IMAGES_LIST} scope="all" searchParams={searchParams}>
        <ImagesTable scope="all" />
      </PrefetchedList>
    </>
  );
}
