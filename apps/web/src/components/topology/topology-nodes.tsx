"use client";

import { Handle, type NodeProps, Position, type ReactFlowState, useStore } from "@xyflow/react";
import { clsx } from "clsx";
import { Globe, Layers, Network, Router, Server } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, type ReactNode } from "react";
import type {
  CollapsedFlowNode,
  InstanceFlowNode,
  NetworkFlowNode,
  RouterFlowNode,
} from "@/lib/topology/to-flow";
import type { TopologyTone } from "@/lib/topology/types";
import { NO_NETWORK } from "@/lib/topology/visible";
import { TONE_BORDER, TopologyStatus } from "./topology-status";

/**
 * Below this zoom a node's text is a few pixels high and unreadable, so
 * nodes draw as their coloured frame only: a 500-instance graph fitted on
 * screen then costs the browser a fraction of the elements to lay out and
 * paint while panning and zooming. The selector changes value only when
 * the zoom crosses the line, so nodes re-render then and not on every frame.
 */
export const FAR_ZOOM = 0.45;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

function Frame({
  tone,
  selected,
  className,
  handles = <Handles />,
  children,
}: {
  tone: TopologyTone;
  selected: boolean;
  className?: string;
  /** Drawn at every zoom: edges end on them. */
  handles?: ReactNode;
  children: ReactNode;
}) {
  const far = useStore(isFar);
  return (
    <div
      className={clsx(
        "flex h-full w-full flex-col justify-center gap-0.5 rounded-lg border-2 bg-surface px-2.5 text-fg",
        !far && "shadow-sm transition-colors duration-300",
        TONE_BORDER[tone],
        selected && "ring-4 ring-accent/40",
        className,
      )}
    >
      {handles}
      {far ? null : children}
    </div>
  );
}

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      <Handle type="source" position={Position.Bottom} />
    </>
  );
}

function ProjectLine({ name }: { name?: string | undefined }) {
  const t = useTranslations("topology.nodes");
  return name ? <span className="truncate text-[11px] text-fg-muted">{t("project", { name })}</span> : null;
}

export const NetworkNode = memo(function NetworkNode({ data, selected }: NodeProps<NetworkFlowNode>) {
  const { node } = data;
  const Icon = node.external ? Globe : Network;
  const t = useTranslations("topology.nodes");
  return (
    <Frame tone={node.tone} selected={selected} className={node.external ? "bg-surface-muted" : undefined}>
      <div className="flex min-w-0 items-center gap-2">
        <Icon size={18} aria-hidden className="shrink-0 text-accent" />
        <span className="truncate text-sm font-semibold">{node.name || node.id}</span>
        {node.external ? <span className="text-[11px] text-fg-muted">{t("external")}</span> : null}
        {node.shared ? <span className="text-[11px] text-fg-muted">{t("shared")}</span> : null}
        <span className="flex-1" />
        <TopologyStatus tone={node.tone} status={node.status} />
      </div>
      <div className="flex min-w-0 gap-2 font-mono text-[11px] text-fg-muted">
        <span className="truncate">{node.subnets.map((s) => s.cidr).join("  ") || t("noSubnet")}</span>
        {data.showProject ? <ProjectLine name={node.projectName} /> : null}
      </div>
    </Frame>
  );
});

export const RouterNode = memo(function RouterNode({ data, selected }: NodeProps<RouterFlowNode>) {
  const { node } = data;
  const t = useTranslations("topology.nodes");
  return (
    <Frame tone={node.tone} selected={selected}>
      <div className="flex min-w-0 items-center gap-2">
        <Router size={18} aria-hidden className="shrink-0 text-accent" />
        <span className="truncate text-sm font-semibold">{node.name || node.id}</span>
        <span className="flex-1" />
        <TopologyStatus tone={node.tone} status={node.status} />
      </div>
      <span className="truncate font-mono text-[11px] text-fg-muted">
        {data.gatewayIps.length > 0 ? t("gateway", { ips: data.gatewayIps.join(", ") }) : t("noGateway")}
      </span>
      {data.showProject ? <ProjectLine name={node.projectName} /> : null}
    </Frame>
  );
});

export const InstanceNode = memo(function InstanceNode({ data, selected }: NodeProps<InstanceFlowNode>) {
  const { node } = data;
  const t = useTranslations("topology.nodes");
  return (
    <Frame tone={node.tone} selected={selected}>
      <div className="flex min-w-0 items-center gap-1.5">
        <Server size={16} aria-hidden className="shrink-0 text-fg-muted" />
        <span className="truncate text-sm font-medium">{node.name || node.id}</span>
        <span className="flex-1" />
        <TopologyStatus tone={node.tone} status={node.status} taskState={node.taskState} />
      </div>
      <span className="truncate font-mono text-[11px] text-fg-muted">
        {data.addresses.join(", ") || t("noAddress")}
      </span>
      <div className="flex min-w-0 items-center gap-1">
        {data.floatingIps.map((ip) => (
          <span
            key={ip}
            className="truncate rounded bg-accent-soft px-1 font-mono text-[10px] text-accent"
            title={t("floatingIp")}
          >
            ⇄ {ip}
          </span>
        ))}
        {(node.volumes ?? []).map((v) => (
          <span
            key={v.id}
            className="truncate rounded border border-border bg-surface-muted px-1 font-mono text-[10px] text-fg-muted"
            title={t("volumeTitle", { name: v.name })}
          >
            <span aria-hidden>▤ </span>
            <span className="sr-only">{t("volume")} </span>
            {v.name}
          </span>
        ))}
        {data.showProject ? <ProjectLine name={node.projectName} /> : null}
      </div>
    </Frame>
  );
});

export const CollapsedNode = memo(function CollapsedNode({ data, selected }: NodeProps<CollapsedFlowNode>) {
  const { group } = data;
  const t = useTranslations("topology.nodes");
  const worst: TopologyTone = group.tones.error > 0 ? "error" : group.tones.build > 0 ? "build" : "active";
  return (
    <Frame
      tone={worst}
      selected={selected}
      className="border-dashed"
      handles={<Handle type="target" position={Position.Top} isConnectable={false} />}
    >
      <div className="flex items-center gap-2">
        <Layers size={16} aria-hidden className="text-fg-muted" />
        <span className="text-sm font-semibold">{t("collapsedCount", { count: group.count })}</span>
      </div>
      {group.networkId === NO_NETWORK ? (
        <span className="text-[11px] text-fg-muted">{t("onNoNetwork")}</span>
      ) : null}
      <span className="text-[11px] text-fg-muted">
        {t("collapsedTones", {
          active: group.tones.active,
          build: group.tones.build,
          error: group.tones.error,
          down: group.tones.down,
        })}
      </span>
      <span className="text-[11px] text-accent">{t("expandHint")}</span>
    </Frame>
  );
});

/** Stable: React Flow warns when the node types object changes. */
export const NODE_TYPES = {
  network: NetworkNode,
  router: RouterNode,
  instance: InstanceNode,
  collapsed: CollapsedNode,
};
