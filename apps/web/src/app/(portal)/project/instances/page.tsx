import type { Metadata } from "next";
import { InstancesTable } from "@/components/compute/instances-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Instances" };

export default function InstancesPage() {
  return (
    <>
      <PageHeader
        title="Instances"
        description="Virtual machines of this project. Status changes appear as they happen."
      />
      <InstancesTable scope="project" />
    </>
  );
}
