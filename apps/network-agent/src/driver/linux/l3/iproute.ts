/**
 * Converging helpers over iproute2 (`ip -j …`): each reads what exists and
 * changes only what differs, so calling them on a working setup sends no
 * packet-affecting command at all (an agent restart must not cut traffic).
 */
import { z } from "zod";
import { run, tryRun } from "../exec.ts";
import { normalizeCidr } from "./ipmath.ts";

/** A namespace to run in; `undefined` is the agent's own (host) namespace. */
export type Netns = string | undefined;

const ZNetnsList = z.array(z.object({ name: z.string() }).loose());
const ZLink = z
  .object({
    ifname: z.string(),
    address: z.string().optional(),
    mtu: z.number().optional(),
    flags: z.array(z.string()).optional(),
    master: z.string().optional(),
    linkinfo: z.object({ info_kind: z.string().optional() }).loose().optional(),
  })
  .loose();
export type LinkInfo = z.infer<typeof ZLink>;
const ZAddrs = z.array(
  ZLink.extend({
    addr_info: z.array(
      z
        .object({
          family: z.string(),
          local: z.string(),
          prefixlen: z.number(),
          scope: z.string().optional(),
        })
        .loose(),
    ),
  }),
);
const ZRoutes = z.array(z.object({ dst: z.string(), gateway: z.string().optional() }).loose());

async function json(argv: string[], netns: Netns): Promise<unknown> {
  const out = await run(argv, { netns });
  return out.trim() === "" ? [] : JSON.parse(out);
}

export async function listNetns(prefix: string): Promise<string[]> {
  const all = ZNetnsList.parse(await json(["ip", "-j", "netns", "list"], undefined));
  return all.map((n) => n.name).filter((n) => n.startsWith(prefix));
}

export async function netnsExists(name: string): Promise<boolean> {
  return (await listNetns(name)).includes(name);
}

/** Creates the namespace if missing, with its loopback up (local sockets such as the metadata proxy need it). */
export async function ensureNetns(name: string): Promise<void> {
  if (!(await netnsExists(name))) await run(["ip", "netns", "add", name]);
  const lo = await linkInfo("lo", name);
  if (lo && !lo.flags?.includes("UP")) await run(["ip", "link", "set", "lo", "up"], { netns: name });
}

/** Kills what still runs inside (else the namespace outlives its name) and deletes it. */
export async function deleteNetns(name: string): Promise<void> {
  if (!(await netnsExists(name))) return;
  const pids = (await run(["ip", "netns", "pids", name])).split(/\s+/).filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // already gone
    }
  }
  await run(["ip", "netns", "del", name]);
}

export async function linkInfo(dev: string, netns: Netns): Promise<LinkInfo | null> {
  try {
    const links = z.array(ZLink).parse(await json(["ip", "-j", "-d", "link", "show", "dev", dev], netns));
    return links[0] ?? null;
  } catch {
    return null;
  }
}

export async function listLinks(netns: Netns): Promise<LinkInfo[]> {
  return z.array(ZLink).parse(await json(["ip", "-j", "link", "show"], netns));
}

export async function deleteLink(dev: string, netns: Netns): Promise<void> {
  await tryRun(["ip", "link", "del", "dev", dev], { netns });
}

/** Sets a link's MAC, MTU, master and up state where they differ. */
export async function converge(
  dev: string,
  netns: Netns,
  want: { mac?: string | undefined; mtu?: number | undefined; master?: string | undefined; up: boolean },
): Promise<void> {
  const cur = await linkInfo(dev, netns);
  if (!cur) throw new Error(`device ${dev} is missing`);
  const set = (...args: string[]) => run(["ip", "link", "set", "dev", dev, ...args], { netns });
  if (want.mac && cur.address !== want.mac) await set("address", want.mac);
  if (want.mtu && cur.mtu !== want.mtu) await set("mtu", String(want.mtu));
  if (want.master && cur.master !== want.master) await set("master", want.master);
  const isUp = cur.flags?.includes("UP") ?? false;
  if (want.up !== isUp) await set(want.up ? "up" : "down");
}

export interface VethEnd {
  dev: string;
  netns: Netns;
  mac?: string | undefined;
  mtu?: number | undefined;
  master?: string | undefined;
  up?: boolean | undefined;
}

/**
 * A veth pair from `outer` (usually the host side, plugged into a bridge) to
 * `inner` (inside a namespace). A half-made pair (one end only) is replaced.
 */
export async function ensureVeth(outer: VethEnd, inner: VethEnd): Promise<void> {
  const [o, i] = await Promise.all([linkInfo(outer.dev, outer.netns), linkInfo(inner.dev, inner.netns)]);
  if (!o || !i) {
    if (o) await deleteLink(outer.dev, outer.netns);
    if (i) await deleteLink(inner.dev, inner.netns);
    const peerNs = inner.netns ? ["netns", inner.netns] : [];
    await run(["ip", "link", "add", outer.dev, "type", "veth", "peer", "name", inner.dev, ...peerNs], {
      netns: outer.netns,
    });
  }
  await converge(inner.dev, inner.netns, {
    mac: inner.mac,
    mtu: inner.mtu,
    master: inner.master,
    up: inner.up ?? true,
  });
  await converge(outer.dev, outer.netns, {
    mac: outer.mac,
    mtu: outer.mtu,
    master: outer.master,
    up: outer.up ?? true,
  });
}

/** The device's global addresses ("10.0.0.1/24"); IPv6 link-local ones belong to the kernel. */
export async function addresses(dev: string, netns: Netns): Promise<string[]> {
  const links = ZAddrs.parse(await json(["ip", "-j", "addr", "show", "dev", dev], netns));
  return (links[0]?.addr_info ?? [])
    .filter((a) => a.scope !== "link")
    .map((a) => normalizeCidr(`${a.local}/${a.prefixlen}`));
}

/** Adds missing addresses and removes those not wanted; returns the ones it added. */
export async function ensureAddresses(
  dev: string,
  netns: Netns,
  wanted: readonly string[],
): Promise<string[]> {
  const want = new Set(wanted.map(normalizeCidr));
  const have = new Set(await addresses(dev, netns));
  const added: string[] = [];
  for (const a of have) if (!want.has(a)) await run(["ip", "addr", "del", a, "dev", dev], { netns });
  for (const a of want) {
    if (have.has(a)) continue;
    await run(["ip", "addr", "add", a, "dev", dev], { netns });
    added.push(a);
  }
  return added;
}

export interface Route {
  /** "0.0.0.0/0", "192.168.5.0/24", "169.254.169.254/32" */
  destination: string;
  nexthop: string;
}

const routeKey = (r: Route): string => `${normalizeCidr(r.destination)} via ${r.nexthop}`;

/**
 * The namespace's IPv4 routes marked `proto static` (ours: the kernel's
 * connected routes are `proto kernel`) become exactly `wanted`.
 */
export async function ensureStaticRoutes(netns: Netns, wanted: readonly Route[]): Promise<void> {
  const have = ZRoutes.parse(await json(["ip", "-4", "-j", "route", "show", "proto", "static"], netns)).map(
    (r) => ({ destination: r.dst === "default" ? "0.0.0.0/0" : r.dst, nexthop: r.gateway ?? "" }),
  );
  const haveKeys = new Set(have.map(routeKey));
  const wantKeys = new Set(wanted.map(routeKey));
  for (const r of have) {
    if (!wantKeys.has(routeKey(r))) {
      await tryRun(["ip", "route", "del", normalizeCidr(r.destination), "proto", "static"], { netns });
    }
  }
  // A route whose next hop is not reachable (yet) is refused by the kernel: the others still go in.
  const failed: string[] = [];
  for (const r of wanted) {
    if (haveKeys.has(routeKey(r))) continue;
    const ok = await tryRun(
      ["ip", "route", "replace", normalizeCidr(r.destination), "via", r.nexthop, "proto", "static"],
      { netns },
    );
    if (!ok) failed.push(routeKey(r));
  }
  if (failed.length > 0)
    throw new Error(`routes refused (next hop not on a connected network?): ${failed.join(", ")}`);
}

/** Writes a sysctl only when it differs (reads are free, writes are logged by some kernels). */
export async function ensureSysctl(netns: Netns, key: string, value: string): Promise<void> {
  const cur = (await run(["sysctl", "-n", key], { netns })).trim();
  if (cur !== value) await run(["sysctl", "-qw", `${key}=${value}`], { netns });
}
