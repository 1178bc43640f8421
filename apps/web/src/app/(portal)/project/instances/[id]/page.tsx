import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstanceDetail } from "./instance-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compute.detail");
  return { title: t("title") };
}

export default async function InstancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { id } = await params;
  // `?tab=serial` opens a tab directly (the topology's "Console" link).
  const { tab } = await searchParams;
  return <InstanceDetail id={id} initialTab={typeof tab === "string" ? tab : undefined} />;
}
