import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { VolumesTable } from "@/components/volume/volumes-table";

export const metadata: Metadata = { title: "All volumes" };

export default function AdminVolumesPage() {
  return (
    <>
      <PageHeader
        title="All volumes"
        description="Every project's volumes. Reset the status of a stuck volume or force-delete one from its actions."
      />
      <VolumesTable scope="all" />
    </>
  );
}
