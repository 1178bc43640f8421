import type { Metadata } from "next";
import { NetworksTable } from "@/components/network/networks-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Networks" };

export default async function NetworksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { create } = await searchParams;
  return (
    <>
      <PageHeader
        title="Networks"
        description="Your project's networks, and the shared and external ones it can use. A network needs a subnet before instances on it get addresses."
      />
      <NetworksTable scope="project" openCreate={create === "1"} />
    </>
  );
}
