"use client";

import { ArrowLeft, MonitorOff } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { InstanceActionDialogs } from "@/components/compute/instance-action-dialogs";
import { instanceMenuItems } from "@/components/compute/instance-menu-items";
import { InstanceStatusBadge } from "@/components/compute/instance-status-badge";
import { GraphicConsole } from "@/components/console/graphic-console";
import { SerialConsole } from "@/components/console/serial-console";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { useActionParam } from "@/components/palette/use-action-param";
import { RowMenu } from "@/components/row-menu";
import { Tabs } from "@/components/tabs";
import { statusLabel } from "@/lib/compute/instance-status";
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

const TABS = [
  { key: "overview", label: "Overview" },
  { key: "interfaces", label: "Interfaces" },
  { key: "volumes", label: "Volumes" },
  { key: "metrics", label: "Metrics" },
  { key: "serial", label: "Console" },
  { key: "graphic", label: "Graphic console" },
  { key: "log", label: "Console log" },
  { key: "actions", label: "Action log" },
] as const;

type TabKey = (typeof TABS)[number]["key"];

/**
 * Statuses in which the guest runs, so its consoles answer. A soft reboot keeps an open console:
 * it shows the guest going down and booting again.
 */
const CONSOLE_STATUSES = new Set(["ACTIVE", "REBOOT"]);

function ConsoleUnavailable({ status }: { status: string }) {
  return (
    <EmptyState icon={MonitorOff} title="The console is available while the instance is running.">
      Its status is {statusLabel(status)}.
      {status === "SHUTOFF" ? " Start it from the actions menu to use its console." : null}
    </EmptyState>
  );
}

/** One instance: live status, every action, and its console and action logs. */
export function InstanceDetail({ id, initialTab }: { id: string; initialTab?: string }) {
  const [tab, setTab] = useState<TabKey>(() => TABS.find((t) => t.key === initialTab)?.key ?? "overview");
  const instance = trpc.compute.instances.get.useQuery({ id });
  useInstanceUpdates();
  const router = useRouter();
  const actions = useInstanceActions((action, ids) => {
    if (action === "delete" && ids.includes(id)) router.push("/project/instances");
  });
  const [attachRequested, setAttachRequested] = useState(false);
  // `?action=<row menu key>` (the command palette) opens that action as the menu would, if it applies now.
  useActionParam(instance.data !== undefined, (action) => {
    const data = instance.data;
    if (!data) return;
    if (action === "attachVolume") {
      setTab("volumes");
      setAttachRequested(true);
      return;
    }
    const item = instanceMenuItems(data, actions).find((i) => i.key === action);
    if (item && !item.disabledReason) item.onSelect();
  });

  if (instance.error && trpcCodeOf(instance.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title="This instance no longer exists">
        <Link href="/project/instances" className="text-accent hover:underline">
          Back to instances
        </Link>
      </EmptyState>
    );
  }
  if (instance.error && !instance.data) {
    return <TableError error={instance.error} onRetry={() => void instance.refetch()} />;
  }
  const data = instance.data;
  if (!data) return <p className="text-sm text-fg-muted">Loading the instance…</p>;
  const consoleAvailable = CONSOLE_STATUSES.has(data.status);

  return (
    <>
      <PageHeader
        title={data.name || data.id}
        description={
          <span className="inline-flex items-center gap-2">
            <InstanceStatusBadge status={data.status} taskState={data.taskState} />
            <span>
              {data.flavor.name} · {data.image?.name ?? "no image"}
            </span>
          </span>
        }
        actions={<RowMenu subject={data.name || data.id} items={instanceMenuItems(data, actions)} />}
      />
      <Tabs label="Instance details" tabs={TABS} current={tab} onChange={setTab}>
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
