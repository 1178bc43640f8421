import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RouterDetail } from "@/components/network/router-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.routers");
  return { title: t("detailTitle") };
}

export default async function RouterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RouterDetail id={id} backHref="/project/routers" />;
}
