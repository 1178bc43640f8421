import type { Metadata } from "next";
import { ImagesTable } from "@/components/images/images-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "All images" };

export default function AdminImagesPage() {
  return (
    <>
      <PageHeader
        title="All images"
        description="Images of every project, with the project that owns each."
      />
      <ImagesTable scope="all" />
    </>
  );
}
