/**
 * Links of one network namespace (the host's, or a test's stand-in for a
 * host) through `ip -j` and `bridge -j`: read what exists, change only
 * what differs. Nothing here deletes and recreates a device that is right.
 */
import { z } from "zod";
import { run, tryRun } from "./exec.ts";
import { Snapshot } from "./snapshot.ts";

const ZLink = z.object({
  ifname: z.string(),
  mtu: z.number(),
  flags: z.array(z.string()).default([]),
  master: z.string().optional(),
  linkinfo: z
    .object({
      info_kind: z.string().optional(),
      info_data: z
        .object({
          id: z.number().optional(),
          local: z.string().optional(),
          port: z.number().optional(),
          learning: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Link = z.infer<typeof ZLink>;

const ZFdbEntry = z.object({ mac: z.string(), dst: z.string().optional() });

/** The all-zero MAC: flooding entries of a vxlan device, one per remote tunnel endpoint. */
const FLOOD_MAC = "00:00:00:00:00:00";
const VXLAN_PORT = 4789;

export interface VxlanConfig {
  name: string;
  vni: number;
  local: string;
  mtu: number;
  bridge: string;
}

export class Links {
  /** Every link of the namespace, read at most once a second (see snapshot.ts). */
  private readonly snapshot: Snapshot<Map<string, Link>>;

  constructor(private readonly netns: string | undefined) {
    this.snapshot = new Snapshot(async () => {
      const out = await run(["ip", "-j", "-d", "link", "show"], { netns: this.netns });
      return new Map(
        z
          .array(ZLink)
          .parse(JSON.parse(out))
          .map((l) => [l.ifname, l]),
      );
    });
  }

  /** Changes a link: the next reading is fresh. */
  private async ip(args: string[]): Promise<string> {
    try {
      return await run(["ip", ...args], { netns: this.netns });
    } finally {
      this.snapshot.invalidate();
    }
  }

  /** The link, or undefined when no such device exists. */
  async get(name: string): Promise<Link | undefined> {
    return (await this.snapshot.get()).get(name);
  }

  /** Every device's name, read now (a tap may just have appeared). */
  async names(): Promise<Set<string>> {
    return new Set((await this.snapshot.get(true)).keys());
  }

  /** True when the bridge was made or changed. */
  async ensureBridge(name: string, mtu: number): Promise<boolean> {
    let link = await this.get(name);
    const made = link === undefined;
    if (link === undefined) {
      await this.ip(["link", "add", name, "type", "bridge"]);
      link = await this.get(name);
    }
    if (link?.linkinfo?.info_kind !== "bridge") throw new Error(`${name} exists and is not a bridge`);
    return (await this.settle(link, { mtu, up: true })) || made;
  }

  /** True when the device was made or changed. */
  async ensureVxlan(c: VxlanConfig): Promise<boolean> {
    let link = await this.get(c.name);
    const data = link?.linkinfo?.info_data;
    const right =
      link?.linkinfo?.info_kind === "vxlan" &&
      data?.id === c.vni &&
      data.local === c.local &&
      data.port === VXLAN_PORT &&
      data.learning === false;
    // The one replacement: a device with the wrong identity carries nobody's traffic correctly.
    if (link !== undefined && !right) {
      await this.ip(["link", "del", c.name]);
      link = undefined;
    }
    const made = link === undefined;
    if (link === undefined) {
      await this.ip([
        "link",
        "add",
        c.name,
        "type",
        "vxlan",
        "id",
        String(c.vni),
        "local",
        c.local,
        "dstport",
        String(VXLAN_PORT),
        "nolearning",
      ]);
      link = await this.get(c.name);
      if (link === undefined) throw new Error(`${c.name} vanished after creation`);
    }
    return (await this.settle(link, { mtu: c.mtu, master: c.bridge, up: true })) || made;
  }

  /** One flooding entry per peer (head-end replication): missing ones appended, stale ones removed. */
  async syncFloodEntries(device: string, peers: readonly string[]): Promise<void> {
    const out = await run(["bridge", "-j", "fdb", "show", "dev", device], { netns: this.netns });
    const present = new Set(
      z
        .array(ZFdbEntry)
        .parse(JSON.parse(out || "[]"))
        .filter((e) => e.mac === FLOOD_MAC && e.dst !== undefined)
        .map((e) => e.dst),
    );
    const wanted = new Set(peers);
    for (const peer of wanted) {
      if (present.has(peer)) continue;
      await run(["bridge", "fdb", "append", FLOOD_MAC, "dev", device, "dst", peer], { netns: this.netns });
    }
    for (const peer of present) {
      if (peer === undefined || wanted.has(peer)) continue;
      await run(["bridge", "fdb", "del", FLOOD_MAC, "dev", device, "dst", peer], { netns: this.netns });
    }
  }

  /** Applies MTU, master and admin state where they differ. */
  /** True when something had to change. */
  async settle(link: Link, want: { mtu?: number; master?: string; up: boolean }): Promise<boolean> {
    const args: string[] = [];
    if (want.mtu !== undefined && link.mtu !== want.mtu) args.push("mtu", String(want.mtu));
    if (want.master !== undefined && link.master !== want.master) args.push("master", want.master);
    const up = link.flags.includes("UP");
    if (want.up !== up) args.push(want.up ? "up" : "down");
    if (args.length === 0) return false;
    await this.ip(["link", "set", "dev", link.ifname, ...args]);
    return true;
  }

  /** Takes a device out of its bridge if it is in `bridge` (the device itself is someone else's). */
  async release(name: string, bridge: string): Promise<void> {
    const link = await this.get(name);
    if (link?.master === bridge) await this.ip(["link", "set", "dev", name, "nomaster"]);
  }

  async remove(name: string): Promise<void> {
    if ((await this.get(name)) !== undefined) await this.ip(["link", "del", name]);
  }

  /** A sysctl of this namespace (`net.*` keys are per namespace). */
  async sysctl(key: string, value: string): Promise<void> {
    if (!(await tryRun(["sysctl", "-q", "-w", `${key}=${value}`], { netns: this.netns }))) {
      throw new Error(`cannot set ${key}=${value}`);
    }
  }
}
