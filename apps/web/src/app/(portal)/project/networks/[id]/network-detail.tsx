"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionButtons } from "@/components/action-buttons";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { NetworkDeleteDialog } from "@/components/network/network-delete-dialog";
import { NetworkEditDialog } from "@/components/network/network-edit-dialog";
import { type NetworkMenuAction, networkMenuItems } from "@/components/network/network-menu-items";
import { PageHeader } from "@/components/page-header";
import { useActionParam, useMenuActionRunner } from "@/components/palette/use-action-param";
// The instance page's accessible tabs, reused as they are.
import { Tabs } from "@/components/tabs";
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
  const tNetworks = useTranslations("network.networks");
  const [dialog, setDialog] = useState<"none" | NetworkMenuAction>("none");
  const query = trpc.network.networks.get.useQuery({ id });
  const router = useRouter();
  const runItem = useMenuActionRunner();
  const menuOf = (network: { own: boolean }) =>
    networkMenuItems(tNetworks, setDialog, { canChange: network.own || isAdmin });
  // `?action=<menu key>` (the command palette) opens that dialog, as the buttons would.
  useActionParam(
    query.data !== undefined,
    (action) => query.data && runItem(menuOf(query.data.network), action),
  );

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
  // Past the first page of ports the counts are lower bounds ("100+"); the tabs page through all.
  const more = detail.more ? "yes" : "no";
  const usage = detail.inUse ? t("usage", { ...detail.inUse, more }) : "";
  const tabs = [
    { key: "overview", label: t("tabOverview") },
    { key: "subnets", label: t("tabSubnets", { count: detail.subnets.length }) },
    { key: "ports", label: t("tabPorts", { count: detail.portCount, more }) },
    { key: "instances", label: t("tabInstances", { count: detail.instanceCount, more }) },
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
          <ActionButtons
            items={menuOf(n)}
            titles={{
              delete: detail.inUse ? t("inUseTitle", { usage }).trim() : undefined,
            }}
          />
        }
      />
      <Tabs label={t("tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
        {tab === "overview" ? <NetworkOverview detail={detail} /> : null}
        {tab === "subnets" ? <SubnetsPanel detail={detail} canChange={canChange} /> : null}
        {tab === "ports" ? <PortsPanel networkId={n.id} /> : null}
        {tab === "instances" ? <InstancesPanel networkId={n.id} /> : null}
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
