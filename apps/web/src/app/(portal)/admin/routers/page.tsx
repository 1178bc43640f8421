import type { Metadata } from "next";
import { RouterTable } from "@/components/network/router-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "All routers" };

export default function AdminRoutersPage() {
  return (
    <>
      <PageHeader
        title="All routers"
        description="Routers of every project, with their gateways and interfaces. Actions apply to the router's own project."
      />
      <RouterTable scope="all" />
    </>
  );
}
