/**
 * A router: namespace `qrouter-<router id>` with an interface `qr-<port 11>`
 * per attached subnet port and a gateway `qg-<port 11>` on the external
 * network, each a veth whose host end `tap<port 11>` sits in its network's
 * bridge; forwarding on inside the namespace only; the default route via
 * the external subnet's gateway, static routes, and NAT (router-nft.ts).
 * Every step compares before it changes: a restart changes nothing.
 */
import { join } from "node:path";
import { type RouterSpec, ZRouterSpec } from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import { run, tryRun } from "../exec.ts";
import { isIPv4 } from "./ipmath.ts";
import {
  deleteLink,
  deleteNetns,
  ensureAddresses,
  ensureNetns,
  ensureStaticRoutes,
  ensureSysctl,
  ensureVeth,
  linkInfo,
  listLinks,
  type Netns,
  type Route,
} from "./iproute.ts";
import {
  ROUTER_NAT_TABLE,
  routerGatewayDevice,
  routerInterfaceDevice,
  routerNamespace,
  tapDeviceName,
} from "./names.ts";
import { countersInListing, deleteStaleCounters, renderRouterNat } from "./router-nft.ts";
import { ensureRecordDir, listRecords, readText, recordDir, removeRecord, writeIfChanged } from "./state.ts";

export interface RouterContext {
  stateDir: string;
  hostNetns?: Netns;
  /** The bridge of a network (L2 makes tenant bridges; the flat external one comes from `ensureOutside`). */
  bridgeFor: (networkId: string) => string;
  logger: Logger;
}

interface Plug {
  portId: string;
  networkId: string;
  mac: string;
  inner: string;
  addresses: string[];
}

export async function ensureRouter(input: RouterSpec, ctx: RouterContext): Promise<void> {
  const spec = ZRouterSpec.parse(input);
  const ns = routerNamespace(spec.id);
  const dir = await ensureRecordDir(ctx.stateDir, "routers", spec.id);

  const plugs: Plug[] = spec.interfaces.map((i) => ({
    portId: i.portId,
    networkId: i.networkId,
    mac: i.mac,
    inner: routerInterfaceDevice(i.portId),
    addresses: i.fixedIps.map((f) => `${f.address}/${f.prefixLength}`),
  }));
  if (spec.gateway) {
    plugs.push({
      portId: spec.gateway.portId,
      networkId: spec.gateway.networkId,
      mac: spec.gateway.mac,
      inner: routerGatewayDevice(spec.gateway.portId),
      // Floating IPs sit on the gateway as /32s: the router answers ARP for them.
      addresses: [
        ...spec.gateway.fixedIps.map((f) => `${f.address}/${f.prefixLength}`),
        ...spec.floatingIps.map((f) => `${f.floatingIp}/32`),
      ],
    });
  }
  // Which host taps belong to this router, for removal after a restart.
  await writeIfChanged(join(dir, "ports"), plugs.map((p) => `${p.portId}\n`).join(""));

  await ensureNetns(ns);
  await ensureSysctl(ns, "net.ipv4.ip_forward", "1");
  const wanted = new Set(plugs.map((p) => p.inner));
  for (const link of await listLinks(ns)) {
    const ours = link.ifname.startsWith("qr-") || link.ifname.startsWith("qg-");
    if (ours && !wanted.has(link.ifname)) await deleteLink(link.ifname, ns);
  }
  for (const p of plugs) {
    const bridge = ctx.bridgeFor(p.networkId);
    const br = await linkInfo(bridge, ctx.hostNetns);
    if (!br) throw new Error(`bridge ${bridge} of network ${p.networkId} does not exist yet`);
    await ensureVeth(
      { dev: tapDeviceName(p.portId), netns: ctx.hostNetns, master: bridge, mtu: br.mtu },
      { dev: p.inner, netns: ns, mac: p.mac, mtu: br.mtu, up: spec.adminStateUp },
    );
    const added = await ensureAddresses(p.inner, ns, p.addresses);
    if (p.inner.startsWith("qg-") && spec.adminStateUp) await announce(ns, p.inner, added);
  }

  // IPv4 only for now: the namespace forwards IPv4 (its IPv6 addresses are configured, not routed).
  const routes: Route[] = spec.routes
    .filter((r) => isIPv4(r.nexthop))
    .map((r) => ({ destination: r.destination, nexthop: r.nexthop }));
  if (spec.gateway?.nexthop) routes.push({ destination: "0.0.0.0/0", nexthop: spec.gateway.nexthop });
  // NAT first: a refused static route (reported, retried) must not hold back floating IPs.
  await ensureNat(ns, dir, spec);
  await ensureStaticRoutes(ns, spec.adminStateUp ? routes : []);
}

/**
 * Gratuitous ARP for addresses new on the gateway (a floating IP moved here
 * from another router, a re-made gateway port): neighbours that cached the
 * old MAC update at once instead of after their cache times out. Best
 * effort: a lost announcement only delays traffic.
 */
async function announce(ns: string, dev: string, added: string[]): Promise<void> {
  for (const cidr of added) {
    const address = cidr.split("/")[0] ?? "";
    if (!isIPv4(address)) continue;
    await tryRun(["busybox", "arping", "-U", "-c", "1", "-w", "1", "-I", dev, address], { netns: ns });
  }
}

/**
 * Applies the ruleset only when it differs from what was applied, or someone
 * changed the table since. The listing is stateless (`-s`): counter values
 * change with every packet and must not look like a change of the table.
 */
async function ensureNat(ns: string, dir: string, spec: RouterSpec): Promise<void> {
  const ruleset = renderRouterNat(spec);
  const listing = () =>
    run(["nft", "-s", "list", "table", "ip", ROUTER_NAT_TABLE], { netns: ns }).catch(() => "");
  const appliedFile = join(dir, "nat.applied");
  const listingFile = join(dir, "nat.listing");
  const [applied, seen, current] = await Promise.all([
    readText(appliedFile),
    readText(listingFile),
    listing(),
  ]);
  if (applied === ruleset && seen === current && current !== "") return;
  // Stale counters go in the same transaction, after the rules that used them.
  const stale = deleteStaleCounters(spec, countersInListing(current));
  await run(["nft", "-f", "-"], { netns: ns, input: ruleset + stale });
  await writeIfChanged(appliedFile, ruleset);
  await writeIfChanged(listingFile, await listing());
}

export async function removeRouter(
  id: string,
  ctx: Pick<RouterContext, "stateDir" | "hostNetns">,
): Promise<void> {
  const dir = recordDir(ctx.stateDir, "routers", id);
  const ports = ((await readText(join(dir, "ports"))) ?? "").split("\n").filter((p) => p !== "");
  // The namespace takes the inner veth ends, their NAT table and routes with it; the host ends follow.
  await deleteNetns(routerNamespace(id));
  for (const p of ports) await deleteLink(tapDeviceName(p), ctx.hostNetns);
  await removeRecord(ctx.stateDir, "routers", id);
}

/** The routers this agent made (its records; see listDhcp for why not every `qrouter-` namespace). */
export async function listRouters(ctx: Pick<RouterContext, "stateDir">): Promise<string[]> {
  return listRecords(ctx.stateDir, "routers");
}
