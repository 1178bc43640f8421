"use client";

import { ArrowLeft, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("network.networkDetail");
  const [tab, setTab] = useState<TabKey>("overview");
  const [dialog, setDialog] = useState<"none" | "edit" | "delete">("none");
  const query = trpc.network.networks.get.useQuery({ id });
  const router = useRouter();

  if (query.error && trpcCodeOf(query.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title={t("notFound")}>
        <Link href="/project/networks" className="text-accent hover:underline">
          {t("back")}
        </Link>
      </EmptyState>
    );
  }
  if (query.error && !query.data)
    return <TableError error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  if (!detail) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const n = detail.network;
  const canChange = n.own || isAdmin;
  const tabs = [
    { key: "overview", label: t("tabOverview") },
    { key: "subnets", label: t("tabSubnets", { count: detail.subnets.length }) },
    { key: "ports", label: t("tabPorts", { count: detail.portCount }) },
    { key: "instances", label: t("tabInstances", { count: detail.instances.length }) },
  ] as const;

  return (
    <>
      <PageHeader
        title={n.name || n.id}
        description={
          n.external
            ? t("externalDescription")
            : n.shared && !n.own
              ? t("sharedDescription")
              : t("ownDescription")
        }
        actions={
          canChange ? (
            <>
              <Button onClick={() => setDialog("edit")}>
                <Pencil size={16} aria-hidden /> {t("edit")}
              </Button>
              <Button
                variant="danger"
                onClick={() => setDialog("delete")}
                title={detail.inUse ? t("inUseTitle", { what: detail.inUse }) : undefined}
              >
                <Trash2 size={16} aria-hidden /> {t("delete")}
              </Button>
            </>
          ) : undefined
        }
      />
      <Tabs label={t("tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
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
