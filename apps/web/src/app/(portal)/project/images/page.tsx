import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";
import { IMAGES_LIST } from "@/lib/lists/images";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Images" };

export default function ImagesPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Images"
        description="Disk images and instance snapshots this project can boot from: its own, shared and public ones."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={IMAGES_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <ImagesTable scope="project" />
      </PrefetchedList>
    </>
  );
}
