import type { Metadata } from "next";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Routers" };

interface RoutersPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function RoutersPage({ searchParams }: RoutersPageProps) {
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="Routers"
        description="Routers connect this project's networks to each other and, through a gateway, to an external network."
      />
      {/* ?create=1 (from the topology diagram) opens the create dialog. */}
      <RouterTable scope="project" openCreate={params.create === "1"} />
    </>
  );
}
