"use client";

import { useTranslations } from "next-intl";
import type { PortIndex } from "@/lib/topology/ports";
import { type TreeInstance, type TreeNetwork, type TreeRouter, topologyTree } from "@/lib/topology/tree";
import type { GraphState, TopologyNode } from "@/lib/topology/types";
import { TopologyStatus } from "./topology-status";

function NodeButton({ node, onOpen }: { node: TopologyNode; onOpen: (id: string) => void }) {
  return (
    <button type="button" onClick={() => onOpen(node.id)} className="font-medium text-accent hover:underline">
      {node.name || node.id}
    </button>
  );
}

function Project({ node, show }: { node: TopologyNode; show: boolean }) {
  const t = useTranslations("topology.list");
  return show && node.projectName ? (
    <span className="text-xs text-fg-muted">{t("project", { name: node.projectName })}</span>
  ) : null;
}

function InstanceItem({
  item,
  onOpen,
  showProject,
}: {
  item: TreeInstance;
  onOpen: (id: string) => void;
  showProject: boolean;
}) {
  const t = useTranslations("topology");
  return (
    <li className="flex flex-wrap items-center gap-2 py-0.5">
      <span className="text-xs text-fg-muted">{t("kinds.instance")}</span>
      <NodeButton node={item.node} onOpen={onOpen} />
      <TopologyStatus tone={item.node.tone} status={item.node.status} taskState={item.node.taskState} />
      <code className="text-xs">{item.addresses.join(", ") || t("list.noAddress")}</code>
      {item.floatingIps.length > 0 ? (
        <code className="text-xs text-accent">
          {t("list.floating", { ips: item.floatingIps.join(", ") })}
        </code>
      ) : null}
      <Project node={item.node} show={showProject} />
    </li>
  );
}

function NetworkItem({
  item,
  onOpen,
  showProject,
}: {
  item: TreeNetwork;
  onOpen: (id: string) => void;
  showProject: boolean;
}) {
  const t = useTranslations("topology");
  return (
    <li className="py-1">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-fg-muted">{t("kinds.network")}</span>
        <NodeButton node={item.node} onOpen={onOpen} />
        <TopologyStatus tone={item.node.tone} status={item.node.status} />
        <code className="text-xs">
          {item.node.subnets.map((s) => s.cidr).join(", ") || t("list.noSubnet")}
        </code>
        <Project node={item.node} show={showProject} />
      </div>
      {item.instances.length > 0 ? (
        <ul
          aria-label={t("list.instancesOn", { name: item.node.name })}
          className="ml-5 border-l border-border pl-3"
        >
          {item.instances.map((i) => (
            <InstanceItem key={i.node.id} item={i} onOpen={onOpen} showProject={showProject} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function RouterItem({
  item,
  onOpen,
  showProject,
}: {
  item: TreeRouter;
  onOpen: (id: string) => void;
  showProject: boolean;
}) {
  const t = useTranslations("topology");
  return (
    <li className="py-1">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-fg-muted">{t("kinds.router")}</span>
        <NodeButton node={item.node} onOpen={onOpen} />
        <TopologyStatus tone={item.node.tone} status={item.node.status} />
        {item.gatewayIps.length > 0 ? (
          <code className="text-xs">{t("list.gateway", { ips: item.gatewayIps.join(", ") })}</code>
        ) : null}
        <Project node={item.node} show={showProject} />
      </div>
      {item.networks.length > 0 ? (
        <ul
          aria-label={t("list.networksOn", { name: item.node.name })}
          className="ml-5 border-l border-border pl-3"
        >
          {item.networks.map((n) => (
            <NetworkItem key={n.node.id} item={n} onOpen={onOpen} showProject={showProject} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The same graph as nested lists (external → routers → networks →
 * instances with their addresses): for screen readers, keyboard users and
 * whenever the diagram cannot be drawn. Names open the detail panel.
 */
export function TopologyList({
  graph,
  ports,
  onOpen,
  showProject,
}: {
  graph: GraphState;
  ports: PortIndex;
  onOpen: (id: string) => void;
  showProject: boolean;
}) {
  const tree = topologyTree(graph, ports);
  const t = useTranslations("topology");
  return (
    <div className="h-full overflow-y-auto rounded-lg border border-border bg-surface p-4 text-sm">
      <ul aria-label={t("list.label")}>
        {tree.externals.map((ext) => (
          <li key={ext.node?.id ?? "no-gateway"} className="py-1">
            <div className="flex flex-wrap items-center gap-2">
              {ext.node ? (
                <>
                  <span className="text-xs text-fg-muted">{t("kinds.externalNetwork")}</span>
                  <NodeButton node={ext.node} onOpen={onOpen} />
                  <code className="text-xs">{ext.node.subnets.map((s) => s.cidr).join(", ")}</code>
                </>
              ) : (
                <span className="font-medium">{t("list.routersWithoutGateway")}</span>
              )}
            </div>
            <ul className="ml-5 border-l border-border pl-3">
              {ext.routers.map((r) => (
                <RouterItem key={r.node.id} item={r} onOpen={onOpen} showProject={showProject} />
              ))}
            </ul>
          </li>
        ))}
        {tree.unrouted.length > 0 ? (
          <li className="py-1">
            <span className="font-medium">{t("list.networksWithoutRouter")}</span>
            <ul className="ml-5 border-l border-border pl-3">
              {tree.unrouted.map((n) => (
                <NetworkItem key={n.node.id} item={n} onOpen={onOpen} showProject={showProject} />
              ))}
            </ul>
          </li>
        ) : null}
        {tree.unattached.length > 0 ? (
          <li className="py-1">
            <span className="font-medium">{t("list.instancesOnNoNetwork")}</span>
            <ul className="ml-5 border-l border-border pl-3">
              {tree.unattached.map((i) => (
                <InstanceItem key={i.node.id} item={i} onOpen={onOpen} showProject={showProject} />
              ))}
            </ul>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
