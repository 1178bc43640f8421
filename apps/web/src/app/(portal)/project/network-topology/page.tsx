import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TopologyView } from "@/components/topology/topology-view";

export const metadata: Metadata = { title: "Network topology" };

export default function NetworkTopologyPage() {
  return (
    <>
      <PageHeader
        title="Network topology"
        description="External networks, routers, networks and instances of this project, live. Drag an instance onto a network to attach it; select a node or link for its details and actions."
      />
      <TopologyView scope="project" />
    </>
  );
}
