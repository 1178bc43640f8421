import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { currentSession } from "@/auth/current-session";
import { NetworkDetail } from "./network-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("network.networks");
  return { title: t("detailTitle") };
}

export default async function NetworkPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, currentSession()]);
  return <NetworkDetail id={id} isAdmin={session?.isAdmin ?? false} />;
}
