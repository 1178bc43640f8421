import type { Metadata } from "next";
import { FloatingIpsTable } from "@/components/network/floating-ips-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "All floating IPs" };

export default function AdminFloatingIpsPage() {
  return (
    <>
      <PageHeader
        title="All floating IPs"
        description="Floating IPs of every project. Associating uses the floating IP's own project's instances; a new allocation goes to your current project."
      />
      <FloatingIpsTable scope="all" />
    </>
  );
}
