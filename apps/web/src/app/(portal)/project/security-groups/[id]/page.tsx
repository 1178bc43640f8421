import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SecurityGroupDetail } from "@/components/network/security-group-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.securityGroups");
  return { title: t("detailTitle") };
}

export default async function SecurityGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SecurityGroupDetail id={id} />;
}
