import type { Metadata } from "next";
import { VolumeDetail } from "@/components/volume/volume-detail";

export const metadata: Metadata = { title: "Volume" };

export default async function AdminVolumePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <VolumeDetail id={id} backHref="/admin/volumes" admin />;
}
