"use client";

import { ArrowLeft, MonitorOff } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { InstanceActionDialogs } from "@/components/compute/instance-action-dialogs";
import { instanceMenuItems } from "@/components/compute/instance-menu-items";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { GraphicConsole } from "@/components/console/graphic-console";
import { SerialConsole } from "@/components/console/serial-console";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { useActionParam, useMenuActionRunner } from "@/components/palette/use-action-param";
import { RowMenu } from "@/components/row-menu";
import { Tabs } from "@/components/tabs";
import { useInstanceActionTexts } from "@/lib/compute/action-texts";
import { useStateLabels } from "@/lib/compute/state-labels";
import { useInstanceActions } from "@/lib/compute/use-instance-actions";
import { useInstanceUpdates } from "@/lib/compute/use-instance-updates";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";
import { ActionLogPanel } from "./action-log-panel";
import { ConsoleLogPanel } from "./console-log-panel";
import { InstanceOverview } from "./instance-overview";
import { InterfacesPanel } from "./interfaces-panel";
import { MetricsPanel } from "./metrics-panel";
import { VolumesPanel } from "./volumes-panel";

/** The tabs in order; each one's name is `compute.detail.tabs.<key>`. */
const TAB_KEYS = [
  "overview",
  "interfaces",
  "volumes",
  "metrics",
  "serial",
  "graphic",
  "log",
  "actions",
] as const;

type TabKey = (typeof TAB_KEYS)[number];

/**
 * Statuses in which the guest runs, so its consoles answer. A soft reboot keeps an open console:
 * it shows the guest going down and booting again.
 */
const CONSOLE_STATUSES = new Set(["ACTIVE", "REBOOT"]);

function ConsoleUnavailable({ status }: { status: string }) {
  const t = useTranslations("compute.detail");
  const states = useStateLabels();
  const label = states.instanceStatus(status);
  return (
    <EmptyState icon={MonitorOff} title={t("consoleUnavailable")}>
      {status === "SHUTOFF"
        ? t("consoleStatusShutoff", { status: label })
        : t("consoleStatus", { status: label })}
    </EmptyState>
  );
}

/** One instance: live status, every action, and its console and action logs. */
export function InstanceDetail({ id, initialTab }: { id: string; initialTab?: string }) {
  const t = useTranslations("compute.detail");
  const tabs = useMemo(() => TAB_KEYS.map((key) => ({ key, label: t(`tabs.${key}`) })), [t]);
  const [tab, setTab] = useState<TabKey>(() => TAB_KEYS.find((key) => key === initialTab) ?? "overview");
  const actionTexts = useInstanceActionTexts();
  const instance = trpc.compute.instances.get.useQuery({ id });
  useInstanceUpdates();
  const router = useRouter();
  const actions = useInstanceActions((action, ids) => {
    if (action === "delete" && ids.includes(id)) router.push("/project/instances");
  });
  const [attachRequested, setAttachRequested] = useState(false);
  const runItem = useMenuActionRunner();
  // `?action=<row menu key>` (the command palette) opens that action as the menu would, or says why it does not apply now.
  useActionParam(instance.data !== undefined, (action) => {
    const data = instance.data;
    if (!data) return;
    if (action === "attachVolume") {
      setTab("volumes");
      setAttachRequested(true);
      return;
    }
    runItem(instanceMenuItems(data, actions, actionTexts), action);
  });

  if (instance.error && trpcCodeOf(instance.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title={t("notFound")}>
        <Link href="/project/instances" className="text-accent hover:underline">
          {t("backToInstances")}
        </Link>
      </EmptyState>
    );
  }
  if (instance.error && !instance.data) {
    return <TableError error={instance.error} onRetry={() => void instance.refetch()} />;
  }
  const data = instance.data;
  if (!data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const consoleAvailable = CONSOLE_STATUSES.has(data.status);

  return (
    <>
      <PageHeader
        title={data.name || data.id}
        description={
          <span className="inline-flex items-center gap-2">
            <InstanceStatusBadge status={data.status} taskState={data.taskState} />
            <span>
              {t("flavorAndImage", { flavor: data.flavor.name, image: data.image?.name ?? t("noImage") })}
            </span>
          </span>
        }
        actions={
          <RowMenu subject={data.name || data.id} items={instanceMenuItems(data, actions, actionTexts)} />
        }
      />
      <Tabs label={t("tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
        {tab === "overview" ? <InstanceOverview instance={data} /> : null}
        {tab === "interfaces" ? (
          <InterfacesPanel id={id} addressesKey={data.ipAddresses.map((a) => a.address).join(",")} />
        ) : null}
        {tab === "volumes" ? (
          <VolumesPanel
            instance={{ id, name: data.name || data.id, status: data.status }}
            attachRequested={attachRequested}
            onAttachRequestHandled={() => setAttachRequested(false)}
          />
        ) : null}
        {tab === "metrics" ? <MetricsPanel key={id} id={id} /> : null}
        {tab === "serial" ? (
          consoleAvailable ? (
            <SerialConsole key={id} instanceId={id} />
          ) : (
            <ConsoleUnavailable status={data.status} />
          )
        ) : null}
        {tab === "graphic" ? (
          consoleAvailable ? (
            <GraphicConsole key={id} instanceId={id} />
          ) : (
            <ConsoleUnavailable status={data.status} />
          )
        ) : null}
        {tab === "log" ? <ConsoleLogPanel id={id} /> : null}
        {tab === "actions" ? <ActionLogPanel id={id} /> : null}
      </Tabs>
      <InstanceActionDialogs api={actions} />
    </>
  );
}
