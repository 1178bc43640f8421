"use client";

import { clsx } from "clsx";
import { Globe, Network, Router, Server, Unplug, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { Button, buttonClasses } from "@/components/ui/button";
import type { ConnectionIntent } from "@/lib/topology/connections";
import { connectionIntent, disconnectIntent } from "@/lib/topology/connections";
import { kindKey } from "@/lib/topology/labels";
import type { PortIndex } from "@/lib/topology/ports";
import type { GraphState, TopologyEdge, TopologyNode } from "@/lib/topology/types";
import { NO_NETWORK } from "@/lib/topology/visible";
import type { PendingChange } from "./topology-change-dialog";
import { TopologyStatus } from "./topology-status";

export type PanelTarget = { type: "node"; id: string } | { type: "edge"; id: string };

export interface PanelProps {
  target: PanelTarget;
  graph: GraphState;
  ports: PortIndex;
  scope: "project" | "all";
  /** Network id → whether its instances are drawn one by one (only for networks over the threshold). */
  collapsible: (networkId: string) => "collapsed" | "expanded" | null;
  onToggleCollapse: (networkId: string) => void;
  onClose: () => void;
  onChange: (change: PendingChange) => void;
  onInstanceAction: (action: "reboot" | "delete", node: TopologyNode) => void;
  onFocusNode: (id: string) => void;
}

const name = (n: TopologyNode | undefined, fallback: string) => (n ? n.name || n.id : fallback);

function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">{children}</dl>;
}
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4">
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** Pick a network and confirm: the keyboard's way to do what dragging an edge does. */
function ConnectPicker({
  label,
  options,
  onPick,
}: {
  label: string;
  options: { value: string; label: string }[];
  onPick: (id: string) => void;
}) {
  const id = useId();
  const [value, setValue] = useState("");
  const t = useTranslations("topology.panel");
  if (options.length === 0) return null;
  return (
    <div className="mt-2 flex items-end gap-2">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor={id} className="text-xs text-fg-muted">
          {label}
        </label>
        <select
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
        >
          <option value="">{t("chooseNetwork")}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <Button size="sm" disabled={!value} onClick={() => onPick(value)}>
        {t("connect")}
      </Button>
    </div>
  );
}

function PortRow({
  port,
  graph,
  other,
  action,
}: {
  port: TopologyEdge;
  graph: GraphState;
  other: string;
  action?: ReactNode;
}) {
  const t = useTranslations("topology.panel");
  return (
    <li className="rounded-md border border-border p-2 text-sm">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium">{name(graph.nodes.get(other), other)}</span>
        <TopologyStatus tone={port.tone} status={port.status} />
      </div>
      <div className="font-mono text-xs text-fg-muted">
        {port.addresses.map((a) => a.ip).join(", ") || t("noAddress")}
        {port.macAddress ? ` · ${port.macAddress}` : ""}
      </div>
      {port.floatingIps.length > 0 ? (
        <div className="font-mono text-xs text-accent">
          {t("floating", { ips: port.floatingIps.map((f) => f.address).join(", ") })}
        </div>
      ) : null}
      {action ? <div className="mt-1.5">{action}</div> : null}
    </li>
  );
}

/**
 * The side sheet for the selected node or edge: its facts and what can be
 * done with it. It takes focus when it opens and Escape closes it.
 */
export function TopologyPanel(props: PanelProps) {
  const { target, graph, onClose } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const t = useTranslations("topology");
  useEffect(() => {
    if (target.id) headingRef.current?.focus();
  }, [target.id]);

  const node = target.type === "node" ? graph.nodes.get(target.id) : undefined;
  const port = target.type === "edge" ? graph.edges.get(target.id) : undefined;
  if (!node && !port) return null;
  const Icon = !node
    ? Unplug
    : node.kind === "instance"
      ? Server
      : node.kind === "router"
        ? Router
        : node.external
          ? Globe
          : Network;
  const title = node
    ? name(node, node.id)
    : t("panel.portTitle", { name: port?.addresses.map((a) => a.ip).join(", ") || port?.id || "" });

  return (
    <aside
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
      className="absolute top-0 right-0 z-10 flex h-full w-[22rem] max-w-full flex-col border-l border-border bg-surface shadow-xl"
    >
      <div className="flex items-start gap-2 border-b border-border px-4 py-3">
        <Icon size={18} aria-hidden className="mt-0.5 shrink-0 text-accent" />
        <div className="min-w-0 flex-1">
          <p className="text-xs text-fg-muted">{node ? t(`kinds.${kindKey(node)}`) : t("kinds.port")}</p>
          <h2
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            className="truncate text-base font-semibold outline-none"
          >
            {title}
          </h2>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label={t("panel.closeDetails")}
          className="rounded p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <X size={18} aria-hidden />
        </button>
      </div>
      <div className="flex-1 overflow-y-auto px-4 py-3">
        {node?.kind === "instance" ? <InstanceBody node={node} {...props} /> : null}
        {node?.kind === "network" ? <NetworkBody node={node} {...props} /> : null}
        {node?.kind === "router" ? <RouterBody node={node} {...props} /> : null}
        {port ? <PortBody port={port} {...props} /> : null}
      </div>
    </aside>
  );
}

function CommonFacts({ node }: { node: TopologyNode }) {
  const t = useTranslations("topology.panel");
  return (
    <Facts>
      <Fact term={t("status")}>
        <TopologyStatus tone={node.tone} status={node.status} taskState={node.taskState} />
      </Fact>
      <Fact term={t("id")}>
        <span className="inline-flex items-center gap-1">
          <code className="truncate text-xs">{node.id}</code>
          <CopyButton value={node.id} label={t("copyId")} />
        </span>
      </Fact>
      {node.projectName ? <Fact term={t("project")}>{node.projectName}</Fact> : null}
    </Facts>
  );
}

function networkOptions(props: PanelProps, device: TopologyNode, accept: (i: ConnectionIntent) => boolean) {
  const options: { value: string; label: string }[] = [];
  for (const n of props.graph.nodes.values()) {
    if (n.kind !== "network") continue;
    const intent = connectionIntent(props.graph, props.ports, device.id, n.id);
    if (intent && accept(intent)) options.push({ value: n.id, label: n.name || n.id });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
}

function InstanceBody({ node, ...props }: PanelProps & { node: TopologyNode }) {
  const devicePorts = props.ports.byDevice.get(node.id) ?? [];
  const details = `/project/instances/${encodeURIComponent(node.id)}`;
  const t = useTranslations("topology.panel");
  return (
    <>
      <CommonFacts node={node} />
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href={details} className={buttonClasses("secondary", "sm")}>
          {t("openDetails")}
        </Link>
        <Link href={`${details}?tab=serial`} className={buttonClasses("secondary", "sm")}>
          {t("console")}
        </Link>
        <Button size="sm" onClick={() => props.onInstanceAction("reboot", node)}>
          {t("reboot")}
        </Button>
        <Button size="sm" variant="danger" onClick={() => props.onInstanceAction("delete", node)}>
          {t("delete")}
        </Button>
        <Button
          size="sm"
          onClick={() => props.onChange({ kind: "associate-fip", instance: node, ports: devicePorts })}
        >
          {t("associateFloatingIp")}
        </Button>
        {devicePorts.length === 0 && props.collapsible(NO_NETWORK) === "expanded" ? (
          <Button size="sm" onClick={() => props.onToggleCollapse(NO_NETWORK)}>
            {t("collapseUnattached")}
          </Button>
        ) : null}
      </div>
      <Section title={t("interfaces", { count: devicePorts.length })}>
        <ul className="flex flex-col gap-2">
          {devicePorts.map((p) => {
            const intent = disconnectIntent(props.graph, p.id);
            return (
              <PortRow
                key={p.id}
                port={p}
                graph={props.graph}
                other={p.target}
                action={
                  intent ? (
                    <Button size="sm" variant="ghost" onClick={() => props.onChange(intent)}>
                      <Unplug size={14} aria-hidden /> {t("detach")}
                    </Button>
                  ) : null
                }
              />
            );
          })}
        </ul>
        <ConnectPicker
          label={t("attachToNetwork")}
          options={networkOptions(props, node, () => true)}
          onPick={(id) => {
            const intent = connectionIntent(props.graph, props.ports, node.id, id);
            if (intent) props.onChange(intent);
          }}
        />
        <p className="mt-2 text-xs text-fg-muted">{t("instanceDragHint")}</p>
      </Section>
    </>
  );
}

function NetworkBody({ node, ...props }: PanelProps & { node: TopologyNode }) {
  const onNetwork = props.ports.byNetwork.get(node.id) ?? [];
  const instances = onNetwork.filter((p) => p.kind === "instance");
  const routers = onNetwork.filter((p) => p.kind !== "instance");
  const collapse = props.collapsible(node.id);
  // One network detail page serves both views (there is no admin network page; admins read any network).
  const base = "/project/networks";
  const t = useTranslations("topology.panel");
  return (
    <>
      <CommonFacts node={node} />
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href={`${base}/${encodeURIComponent(node.id)}`} className={buttonClasses("secondary", "sm")}>
          {t("openDetails")}
        </Link>
        {!node.external ? (
          <Link
            href={`/project/instances/launch?network=${encodeURIComponent(node.id)}`}
            className={buttonClasses("primary", "sm")}
          >
            {t("launchHere")}
          </Link>
        ) : null}
        {collapse ? (
          <Button size="sm" onClick={() => props.onToggleCollapse(node.id)}>
            {collapse === "collapsed" ? t("showEachInstance") : t("collapseInstances")}
          </Button>
        ) : null}
      </div>
      <Section title={t("subnets")}>
        {node.subnets.length === 0 ? <p className="text-sm text-fg-muted">{t("noSubnet")}</p> : null}
        <ul className="flex flex-col gap-1 text-sm">
          {node.subnets.map((s) => (
            <li key={s.id}>
              <span className="font-medium">{s.name || s.id}</span> <code className="text-xs">{s.cidr}</code>
              <span className="text-xs text-fg-muted">
                {t("subnetGateway", { gateway: s.gatewayIp ?? t("none") })}
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("routers", { count: routers.length })}>
        <DeviceList links={routers} graph={props.graph} onFocusNode={props.onFocusNode} />
      </Section>
      <Section title={t("instances", { count: instances.length })}>
        <DeviceList links={instances} scroll graph={props.graph} onFocusNode={props.onFocusNode} />
      </Section>
    </>
  );
}

/** The routers or instances on a network: each a button that focuses its node, with its addresses there. */
function DeviceList({
  links,
  scroll = false,
  graph,
  onFocusNode,
}: Pick<PanelProps, "graph" | "onFocusNode"> & { links: readonly TopologyEdge[]; scroll?: boolean }) {
  return (
    <ul className={clsx("flex flex-col gap-1 text-sm", scroll && "max-h-64 overflow-y-auto")}>
      {links.map((p) => (
        <li key={p.id}>
          <button type="button" className="text-accent hover:underline" onClick={() => onFocusNode(p.source)}>
            {name(graph.nodes.get(p.source), p.source)}
          </button>{" "}
          <code className="text-xs">{p.addresses.map((a) => a.ip).join(", ")}</code>
        </li>
      ))}
    </ul>
  );
}

function RouterBody({ node, ...props }: PanelProps & { node: TopologyNode }) {
  const devicePorts = props.ports.byDevice.get(node.id) ?? [];
  const base = props.scope === "all" ? "/admin/routers" : "/project/routers";
  const t = useTranslations("topology.panel");
  return (
    <>
      <CommonFacts node={node} />
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href={`${base}/${encodeURIComponent(node.id)}`} className={buttonClasses("secondary", "sm")}>
          {t("openDetails")}
        </Link>
      </div>
      <Section title={t("interfaces", { count: devicePorts.length })}>
        <ul className="flex flex-col gap-2">
          {devicePorts.map((p) => {
            const intent = disconnectIntent(props.graph, p.id);
            return (
              <PortRow
                key={p.id}
                port={p}
                graph={props.graph}
                other={p.target}
                action={
                  p.kind === "router-gateway" ? (
                    <span className="text-xs text-fg-muted">{t("externalGateway")}</span>
                  ) : intent ? (
                    <Button size="sm" variant="ghost" onClick={() => props.onChange(intent)}>
                      <Unplug size={14} aria-hidden /> {t("removeInterface")}
                    </Button>
                  ) : null
                }
              />
            );
          })}
        </ul>
        <ConnectPicker
          label={t("addInterfaceOn")}
          options={networkOptions(props, node, (i) => i.kind === "router-interface")}
          onPick={(id) => {
            const intent = connectionIntent(props.graph, props.ports, node.id, id);
            if (intent) props.onChange(intent);
          }}
        />
        <p className="mt-2 text-xs text-fg-muted">{t("routerDragHint")}</p>
      </Section>
    </>
  );
}

function PortBody({ port, ...props }: PanelProps & { port: TopologyEdge }) {
  const intent = disconnectIntent(props.graph, port.id);
  const t = useTranslations("topology.panel");
  const kinds = {
    instance: t("portKinds.instance"),
    "router-interface": t("portKinds.routerInterface"),
    "router-gateway": t("portKinds.routerGateway"),
  };
  return (
    <>
      <Facts>
        <Fact term={t("kind")}>{kinds[port.kind]}</Fact>
        <Fact term={t("status")}>
          <TopologyStatus tone={port.tone} status={port.status} />
        </Fact>
        <Fact term={t("device")}>
          <button
            type="button"
            className="text-accent hover:underline"
            onClick={() => props.onFocusNode(port.source)}
          >
            {name(props.graph.nodes.get(port.source), port.source)}
          </button>
        </Fact>
        <Fact term={t("network")}>
          <button
            type="button"
            className="text-accent hover:underline"
            onClick={() => props.onFocusNode(port.target)}
          >
            {name(props.graph.nodes.get(port.target), port.target)}
          </button>
        </Fact>
        <Fact term={t("addresses")}>
          <code className="text-xs">{port.addresses.map((a) => a.ip).join(", ") || t("none")}</code>
        </Fact>
        {port.macAddress ? (
          <Fact term={t("mac")}>
            <code className="text-xs">{port.macAddress}</code>
          </Fact>
        ) : null}
        {port.floatingIps.length > 0 ? (
          <Fact term={t("floatingIps")}>
            <code className="text-xs">{port.floatingIps.map((f) => f.address).join(", ")}</code>
          </Fact>
        ) : null}
      </Facts>
      {intent ? (
        <div className="mt-4">
          <Button variant="danger" size="sm" onClick={() => props.onChange(intent)}>
            <Unplug size={14} aria-hidden />{" "}
            {intent.kind === "detach" ? t("detachInterface") : t("removeInterface")}
          </Button>
          <p className="mt-1 text-xs text-fg-muted">{t("deleteKeyHint")}</p>
        </div>
      ) : null}
    </>
  );
}
