import type { Metadata } from "next";
import { SecurityGroupsTable } from "@/components/network/security-groups-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Security groups" };

export default function SecurityGroupsPage() {
  return (
    <>
      <PageHeader
        title="Security groups"
        description="Firewall rules for your instances' ports. Every project has a default group; its instances may talk to each other."
      />
      <SecurityGroupsTable />
    </>
  );
}
