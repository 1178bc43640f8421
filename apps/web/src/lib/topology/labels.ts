import type { useTranslations } from "next-intl";
import { fixedIps, floatingIps } from "./ports";
import type { TopologyEdge, TopologyNode } from "./types";
import { type CollapsedGroup, NO_NETWORK } from "./visible";

export type TopologyT = ReturnType<typeof useTranslations<"topology">>;

/** The message key of a node's kind ("External network", "Router"…). */
export function kindKey(node: Pick<TopologyNode, "kind" | "external">) {
  if (node.kind === "network") return node.external ? "externalNetwork" : "network";
  return node.kind === "router" ? "router" : "instance";
}

/**
 * An OpenStack status or task state as words of the reader's language
 * ("ACTIVE" → "Active", "powering-off" → "Powering off"); a code the
 * messages do not know is shown humanized, as before.
 */
export function statusLabel(t: TopologyT, code: string): string {
  const words = code.replaceAll("_", " ").replaceAll("-", " ").toLowerCase().trim();
  const raw = words.charAt(0).toUpperCase() + words.slice(1);
  return t("status", { code: words.replaceAll(" ", "_"), raw });
}

/**
 * The diagram's texts for screen readers, built in the reader's language.
 * `toFlowNodes`/`toFlowEdges` take them so the flow model stays free of
 * React: components make them with `topologyLabels(useTranslations("topology"))`,
 * tests with next-intl's `createTranslator` over the English messages.
 */
export interface TopologyLabels {
  node: (node: TopologyNode, ports: readonly TopologyEdge[] | undefined) => string;
  collapsed: (group: CollapsedGroup) => string;
  port: (port: TopologyEdge, ips: string, source: string, target: string) => string;
}

export function topologyLabels(t: TopologyT): TopologyLabels {
  return {
    node(node, ports) {
      const parts = [
        t("a11y.node", { kind: t(`kinds.${kindKey(node)}`), name: node.name || node.id }),
        t("a11y.nodeStatus", { status: node.status, tone: node.tone }),
      ];
      if (node.kind === "network") {
        const cidrs = node.subnets.map((s) => s.cidr);
        if (cidrs.length > 0) parts.push(t("a11y.subnets", { cidrs: cidrs.join(", ") }));
      } else {
        const ips = fixedIps(ports);
        if (ips.length > 0) parts.push(t("a11y.addresses", { ips: ips.join(", ") }));
        const fips = floatingIps(ports);
        if (fips.length > 0) parts.push(t("a11y.floatingIps", { ips: fips.join(", ") }));
      }
      if (node.projectName) parts.push(t("a11y.project", { name: node.projectName }));
      return parts.join(t("separator"));
    },
    collapsed: (group) =>
      group.networkId === NO_NETWORK
        ? t("a11y.collapsedUnattached", { count: group.count })
        : t("a11y.collapsed", { count: group.count, network: group.networkName }),
    port: (port, ips, source, target) =>
      ips
        ? t("a11y.port", { ips, source, target, status: port.status })
        : t("a11y.portWithoutAddress", { source, target, status: port.status }),
  };
}
