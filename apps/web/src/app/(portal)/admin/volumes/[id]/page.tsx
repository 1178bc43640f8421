import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { VolumeDetail } from "@/components/volume/volume-detail";
import { volumeQuery } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";

export const metadata: Metadata = { title: "Volume" };

export default async function AdminVolumePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Prefetched fallback={<TableSkeleton rows={4} />} queries={[volumeQuery(id)]}>
      <VolumeDetail id={id} backHref="/admin/volumes" admin />
    </Prefetched>
  );
}
