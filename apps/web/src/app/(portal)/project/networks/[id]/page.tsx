import type { Metadata } from "next";
import { currentSession } from "@/auth/current-session";
import { NetworkDetail } from "./network-detail";

export const metadata: Metadata = { title: "Network" };

export default async function NetworkPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, currentSession()]);
  return <NetworkDetail id={id} isAdmin={session?.isAdmin ?? false} />;
}
