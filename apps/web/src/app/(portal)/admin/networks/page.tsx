import type { Metadata } from "next";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "All networks" };

export default async function AdminNetworksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { create } = await searchParams;
  return (
    <>
      <PageHeader
        title="All networks"
        description="Networks of every project. Create provider networks here: flat ones on a physical network, VXLAN ones with a chosen id, external ones for routers' gateways and floating IPs."
      />
      <NetworksTable scope="all" openCreate={create === "1"} />
    </>
  );
}
