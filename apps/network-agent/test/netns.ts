/**
 * Test topology helpers: every namespace a test makes is named with the
 * run's unique suffix and removed in afterAll (removing a namespace removes
 * its devices and its nftables tables). Traffic only ever flows between
 * namespaces made here.
 */
import { randomBytes } from "node:crypto";
import { run, tryRun } from "../src/driver/linux/exec.ts";

export class Namespaces {
  readonly suffix = randomBytes(3).toString("hex");
  private readonly made: string[] = [];

  async add(role: string): Promise<string> {
    const name = `zn-${role}-${this.suffix}`;
    await run(["ip", "netns", "add", name]);
    this.made.push(name);
    await run(["ip", "-n", name, "link", "set", "lo", "up"]);
    return name;
  }

  async removeAll(): Promise<void> {
    for (const ns of this.made.splice(0).reverse()) await tryRun(["ip", "netns", "del", ns]);
  }
}

/** A guest: a veth whose host end stands for its tap (in the host namespace), the other end its eth0. */
export async function plugGuest(opts: {
  host: string;
  guest: string;
  tap: string;
  mac: string;
  address: string;
}): Promise<void> {
  await run([
    "ip",
    "-n",
    opts.host,
    "link",
    "add",
    opts.tap,
    "type",
    "veth",
    "peer",
    "name",
    "eth0",
    "netns",
    opts.guest,
  ]);
  await run(["ip", "-n", opts.guest, "link", "set", "eth0", "address", opts.mac, "up"]);
  await run(["ip", "-n", opts.guest, "addr", "add", opts.address, "dev", "eth0"]);
}

/** Three echo requests, a second each at most: true when any answer came back. */
export function pings(from: string, address: string): Promise<boolean> {
  return tryRun(["busybox", "ping", "-c", "3", "-W", "1", address], { netns: from, timeoutMs: 15_000 });
}

/** Reachability can take a moment after a change (ARP, flooding entries): a bounded number of tries. */
export async function eventuallyPings(from: string, address: string, attempts = 5): Promise<boolean> {
  for (let i = 0; i < attempts; i++) if (await pings(from, address)) return true;
  return false;
}

export async function ifindex(netns: string, device: string): Promise<number | undefined> {
  const out = await run(["ip", "-j", "link", "show", "dev", device], { netns }).catch(() => "[]");
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed)) return undefined;
  const first: unknown = parsed[0];
  if (typeof first !== "object" || first === null || !("ifindex" in first)) return undefined;
  return typeof first.ifindex === "number" ? first.ifindex : undefined;
}
