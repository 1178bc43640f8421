import type { Metadata } from "next";
import { RouterDetail } from "@/components/network/router-detail";

export const metadata: Metadata = { title: "Router" };

export default async function RouterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RouterDetail id={id} backHref="/project/routers" />;
}
