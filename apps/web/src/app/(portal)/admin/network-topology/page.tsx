import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TopologyView } from "@/components/topology/topology-view";

export const metadata: Metadata = { title: "Network topology (all projects)" };

export default function AdminNetworkTopologyPage() {
  return (
    <>
      <PageHeader
        title="Network topology"
        description="Networks, routers and instances of every project, live; filter by project. Each node names its project."
      />
      <noscript>
        <p className="mb-3 rounded-md border border-border bg-surface px-3 py-2 text-sm">
          The topology needs JavaScript; the admin Networks, Routers and Instances pages list the same
          resources.
        </p>
      </noscript>
      <TopologyView scope="all" />
    </>
  );
}
