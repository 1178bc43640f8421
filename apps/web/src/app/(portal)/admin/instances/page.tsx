import type { Metadata } from "next";
import { InstancesTable } from "@/components/compute/instances-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "All instances" };

export default function AdminInstancesPage() {
  return (
    <>
      <PageHeader
        title="All instances"
        description="Instances of every project, with the host each one runs on."
      />
      <InstancesTable scope="all" />
    </>
  );
}
