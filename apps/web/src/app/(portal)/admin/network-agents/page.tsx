import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NetworkAgentsView } from "./network-agents-view";

export const metadata: Metadata = { title: "Network agents" };

export default function NetworkAgentsPage() {
  return (
    <>
      <PageHeader
        title="Network agents"
        description="The Linux bridge, DHCP, L3 and metadata agents of each network host: alive while their host heartbeats. Disable one to stop placing new networks or routers on it."
      />
      <NetworkAgentsView />
    </>
  );
}
