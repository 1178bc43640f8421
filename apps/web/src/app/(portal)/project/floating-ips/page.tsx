import type { Metadata } from "next";
import { FloatingIpsTable } from "@/components/network/floating-ips-table";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Floating IPs" };

export default function FloatingIpsPage() {
  return (
    <>
      <PageHeader
        title="Floating IPs"
        description="Public addresses from external networks. Associate one with an instance to reach it from outside; its security groups still decide what gets in."
      />
      <FloatingIpsTable scope="project" />
    </>
  );
}
