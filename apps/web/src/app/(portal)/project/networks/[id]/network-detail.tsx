"use client";

import { ArrowLeft, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { NetworkDeleteDialog } from "@/components/network/network-delete-dialog";
import { NetworkEditDialog } from "@/components/network/network-edit-dialog";
import { PageHeader } from "@/components/page-header";
// The instance page's accessible tabs, reused as they are.
import { Tabs } from "@/components/tabs";
import { Button } from "@/components/ui/button";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";
import { InstancesPanel } from "./instances-panel";
import { NetworkOverview } from "./network-overview";
import { PortsPanel } from "./ports-panel";
import { SubnetsPanel } from "./subnets-panel";

type TabKey = "overview" | "subnets" | "ports" | "instances";

/** One network: overview, its subnets (add, edit, delete), its ports and the instances on it. */
export function NetworkDetail({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const [tab, setTab] = useState<TabKey>("overview");
  const [dialog, setDialog] = useState<"none" | "edit" | "delete">("none");
  const query = trpc.network.networks.get.useQuery({ id });
  const router = useRouter();

  if (query.error && trpcCodeOf(query.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title="This network does not exist, or your project cannot see it">
        <Link href="/project/networks" className="text-accent hover:underline">
          Back to networks
        </Link>
      </EmptyState>
    );
  }
  if (query.error && !query.data)
    return <TableError error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  if (!detail) return <p className="text-sm text-fg-muted">Loading the network…</p>;
  const n = detail.network;
  const canChange = n.own || isAdmin;
  const tabs = [
    { key: "overview", label: "Overview" },
    { key: "subnets", label: `Subnets (${detail.subnets.length})` },
    { key: "ports", label: `Ports (${detail.portCount})` },
    { key: "instances", label: `Instances (${detail.instances.length})` },
  ] as const;

  return (
    <>
      <PageHeader
        title={n.name || n.id}
        description={
          n.external
            ? "An external network: routers use it as their gateway and floating IPs come from it."
            : n.shared && !n.own
              ? "A network shared with your project by another one."
              : "A network of your project."
        }
        actions={
          canChange ? (
            <>
              <Button onClick={() => setDialog("edit")}>
                <Pencil size={16} aria-hidden /> Edit
              </Button>
              <Button
                variant="danger"
                onClick={() => setDialog("delete")}
                title={detail.inUse ? `In use by ${detail.inUse}` : undefined}
              >
                <Trash2 size={16} aria-hidden /> Delete
              </Button>
            </>
          ) : undefined
        }
      />
      <Tabs label="Network details" tabs={tabs} current={tab} onChange={setTab}>
        {tab === "overview" ? <NetworkOverview detail={detail} /> : null}
        {tab === "subnets" ? <SubnetsPanel detail={detail} canChange={canChange} /> : null}
        {tab === "ports" ? <PortsPanel networkId={n.id} /> : null}
        {tab === "instances" ? <InstancesPanel instances={detail.instances} /> : null}
      </Tabs>
      <NetworkEditDialog
        network={dialog === "edit" ? n : null}
        admin={isAdmin}
        onClose={() => setDialog("none")}
      />
      <NetworkDeleteDialog
        network={dialog === "delete" ? n : null}
        onClose={() => setDialog("none")}
        onDeleted={() => router.push(isAdmin && !n.own ? "/admin/networks" : "/project/networks")}
      />
    </>
  );
}
