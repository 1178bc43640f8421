import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableSkeleton } from "@/components/data-table/table-states";
import { VolumeDetail } from "@/components/volume/volume-detail";
import { ClientMessages } from "@/i18n/client-messages";
import { volumeQuery } from "@/trpc/page-queries";
import { Prefetched } from "@/trpc/server-prefetch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.pages.volumes");
  return { title: t("detailTitle") };
}

export default async function AdminVolumePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <ClientMessages namespaces={["dataTable", "volume"]}>
      <Prefetched fallback={<TableSkeleton rows={4} />} queries={[volumeQuery(id)]}>
        <VolumeDetail id={id} backHref="/admin/volumes" admin />
      </Prefetched>
    </ClientMessages>
  );
}
