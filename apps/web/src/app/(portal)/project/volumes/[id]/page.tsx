import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VolumeDetail } from "@/components/volume/volume-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("volume.page");
  return { title: t("detailTitle") };
}

export default async function VolumePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <VolumeDetail id={id} backHref="/project/volumes" />;
}
