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
      <noscript>
        <p className="mb-3 rounded-md border border-border bg-surface px-3 py-2 text-sm">
          The topology needs JavaScript; the Networks, Routers and Instances pages list the same resources.
        </p>
      </noscript>
      <TopologyView scope="project" />
    </>
  );
}
