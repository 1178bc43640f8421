/**
 * The outside world of a Zenith cloud (DevStack's `br-ex`, contained): a
 * namespace (`zenith-outside`) whose bridge `br-ex` holds the flat external
 * network's gateway (172.24.4.1/24), joined by a veth to the host's flat
 * bridge `brq<external network 11>` where routers plug their gateways.
 *
 * The host reaches floating IPs through a second veth, a small routed link
 * (host 172.24.5.2/30 ↔ namespace 172.24.5.1/30, a route to the public
 * CIDR via the namespace): the host's address stays off the public network
 * so its whole allocation pool (.2-.254) stays usable, and the namespace
 * forwards only between those two links. Nothing leads further: the
 * namespace has no default route, no NAT and no real interface, and the
 * host drops anything it would forward into or out of the link (its own
 * traffic to floating IPs is not forwarding). `externalInterface`
 * (ZENITH_EXTERNAL_INTERFACE, an explicit opt-in, never used by tests)
 * enslaves a real interface to the flat bridge instead, with no namespace.
 */

import { z } from "zod";
import { run, tryRun } from "../exec.ts";
import { networkOf } from "./ipmath.ts";
import {
  converge,
  deleteLink,
  deleteNetns,
  ensureAddresses,
  ensureNetns,
  ensureStaticRoutes,
  ensureSysctl,
  ensureVeth,
  linkInfo,
  type Netns,
} from "./iproute.ts";
import { bridgeName } from "./names.ts";

export const ZOutsideOptions = z.object({
  externalNetworkId: z.string().min(1).max(64),
  /** The flat network's bridge in the host namespace (default `brq<id 11>`). */
  bridge: z.string().min(2).max(15).optional(),
  /** The outside world's namespace. */
  namespace: z.string().min(1).max(64).default("zenith-outside"),
  /** The external subnet's gateway with its prefix: it lives on `br-ex`. */
  gatewayCidr: z.string().default("172.24.4.1/24"),
  /** The routed link host ↔ outside: the host's end and the namespace's end. */
  hostLinkCidr: z.string().default("172.24.5.2/30"),
  outsideLinkCidr: z.string().default("172.24.5.1/30"),
  /** Host-side devices (tests give unique names). */
  hostDevice: z.string().min(2).max(15).default("zenith-ex"),
  linkDevice: z.string().min(2).max(15).default("zenith-exbr"),
  /** Opt-in: a real interface to bridge instead of the contained namespace. */
  externalInterface: z.string().min(1).max(15).optional(),
  /** The namespace standing for the host (tests); undefined: the agent's own. */
  hostNetns: z.string().optional(),
  mtu: z.int().min(68).max(9216).default(1500),
});
export type OutsideOptions = z.input<typeof ZOutsideOptions>;

/** Inside the outside namespace. */
const BR_EX = "br-ex";
const NS_LINK = "ex-host";
const NS_FLAT = "ex-flat";
/** The host's guard against forwarding into or out of the outside world. */
const HOST_TABLE = "zenith_outside";

const address = (cidr: string): string => cidr.split("/")[0] ?? cidr;

async function ensureBridge(name: string, netns: Netns, mtu: number): Promise<void> {
  if (!(await linkInfo(name, netns))) await run(["ip", "link", "add", name, "type", "bridge"], { netns });
  await converge(name, netns, { mtu, up: true });
}

export async function ensureOutside(input: OutsideOptions): Promise<void> {
  const o = ZOutsideOptions.parse(input);
  const host = o.hostNetns;
  const flat = o.bridge ?? bridgeName(o.externalNetworkId);
  await ensureBridge(flat, host, o.mtu);
  if (o.externalInterface) {
    await converge(o.externalInterface, host, { master: flat, up: true });
    return;
  }

  const ns = o.namespace;
  await ensureNetns(ns);
  // It routes between its two links only (it has no other route).
  await ensureSysctl(ns, "net.ipv4.ip_forward", "1");
  await ensureBridge(BR_EX, ns, o.mtu);
  await ensureAddresses(BR_EX, ns, [o.gatewayCidr]);
  await ensureVeth(
    { dev: o.linkDevice, netns: host, master: flat, mtu: o.mtu },
    { dev: NS_FLAT, netns: ns, master: BR_EX, mtu: o.mtu },
  );
  await ensureVeth({ dev: o.hostDevice, netns: host, mtu: o.mtu }, { dev: NS_LINK, netns: ns, mtu: o.mtu });
  await ensureAddresses(NS_LINK, ns, [o.outsideLinkCidr]);
  await ensureAddresses(o.hostDevice, host, [o.hostLinkCidr]);
  await ensureStaticRoutes(ns, []);
  await tryRun(["ip", "route", "del", "default"], { netns: ns });

  const publicCidr = networkOf(address(o.gatewayCidr), Number(o.gatewayCidr.split("/")[1]));
  await ensureHostRoute(host, publicCidr, address(o.outsideLinkCidr), o.hostDevice);
  await ensureForwardGuard(host, o.hostDevice);
}

/** One route on the host (never a default), changed only when it differs. */
async function ensureHostRoute(host: Netns, destination: string, via: string, dev: string): Promise<void> {
  const out = await run(["ip", "-j", "route", "show", "exact", destination], { netns: host });
  const routes = z
    .array(z.object({ gateway: z.string().optional(), dev: z.string().optional() }).loose())
    .parse(out.trim() === "" ? [] : JSON.parse(out));
  if (routes.length === 1 && routes[0]?.gateway === via && routes[0]?.dev === dev) return;
  await run(["ip", "route", "replace", destination, "via", via, "dev", dev, "proto", "static"], {
    netns: host,
  });
}

const guardRules = (dev: string): string[] => [`iifname "${dev}" drop`, `oifname "${dev}" drop`];

async function ensureForwardGuard(host: Netns, dev: string): Promise<void> {
  const current = await run(["nft", "list", "table", "inet", HOST_TABLE], { netns: host }).catch(() => "");
  if (guardRules(dev).every((r) => current.includes(r))) return;
  const ruleset = [
    `table inet ${HOST_TABLE}`,
    `delete table inet ${HOST_TABLE}`,
    `table inet ${HOST_TABLE} {`,
    "  chain forward {",
    "    type filter hook forward priority filter; policy accept;",
    ...guardRules(dev).map((r) => `    ${r}`),
    "  }",
    "}",
    "",
  ].join("\n");
  await run(["nft", "-f", "-"], { netns: host, input: ruleset });
}

/** Removes the namespace, the host's devices, route and guard; the flat bridge stays (L2 owns its life). */
export async function removeOutside(input: OutsideOptions): Promise<void> {
  const o = ZOutsideOptions.parse(input);
  if (o.externalInterface) {
    await tryRun(["ip", "link", "set", "dev", o.externalInterface, "nomaster"], { netns: o.hostNetns });
    return;
  }
  await deleteNetns(o.namespace);
  await deleteLink(o.hostDevice, o.hostNetns);
  await deleteLink(o.linkDevice, o.hostNetns);
  await tryRun(["nft", "delete", "table", "inet", HOST_TABLE], { netns: o.hostNetns });
}
