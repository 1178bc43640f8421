import type { Metadata } from "next";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Images" };

export default function ImagesPage() {
  return (
    <>
      <PageHeader
        title="Images"
        description="Disk images and instance snapshots this project can boot from: its own, shared and public ones."
      />
      <ImagesTable scope="project" />
    </>
  );
}
