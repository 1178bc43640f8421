/**
 * What bench/network-memory.mjs counts and cleans up: the processes beside
 * the network agent by kind (its descendants; a dnsmasq it started lives in
 * a namespace, not under it), and namespaces removed with the processes
 * inside them (dnsmasq outlives the agent on purpose and would keep its
 * namespace alive).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  addNamespace,
  namespaceNames,
  namespacePids,
  removeNamespaces,
  rootNetworkingAdded,
} from "../../bench/lib/netns.mjs";
import { descendantsOf, pssByKind } from "../../bench/lib/pss.mjs";

const spawned: ChildProcess[] = [];
afterEach(() => {
  // Each child leads its own process group: its descendants go with it.
  for (const child of spawned.splice(0)) if (child.pid) process.kill(-child.pid, "SIGKILL");
});

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the network memory benchmark's process rows", () => {
  it("finds a process's children and grandchildren and groups their memory by kind", async () => {
    // A shell whose children are two sleeps (one of them under a nested shell).
    const parent = spawn("sh", ["-c", "sleep 30 & sh -c 'sleep 31; true' & wait"], {
      stdio: "ignore",
      detached: true,
    });
    spawned.push(parent);
    const pid = parent.pid ?? 0;
    // A forked child is named "sh" until it execs sleep: wait for the tree
    // to settle into its final shape, not only for three processes.
    type Row = { kind: string; count: number; mib: number };
    const { kids, rows } = await until("two sleeps and a nested shell", () => {
      const found = descendantsOf(pid) as number[];
      const byKind = pssByKind(found) as Row[];
      const count = (kind: string) => byKind.find((r) => r.kind === kind)?.count;
      return count("sleep") === 2 && count("sh") === 1 ? { kids: found, rows: byKind } : undefined;
    });
    expect(kids).not.toContain(pid);
    expect(rows.find((r) => r.kind === "sleep")?.count).toBe(2);
    expect(rows.find((r) => r.kind === "sh")?.count).toBe(1);
    for (const r of rows) expect(r.mib).toBeGreaterThan(0);
  });

  it("leaves out a process that is gone", () => {
    const child = spawnSync("true");
    expect(child.pid).toBeGreaterThan(0);
    expect(pssByKind([child.pid])).toEqual([]);
  });

  it("reports what appeared in the machine's namespace, not what was there or went", () => {
    const before = { links: ["lo", "eth0", "old0"], tables: ["table inet filter"] };
    const after = {
      links: ["lo", "eth0", "brq123"],
      tables: ["table inet filter", "table ip zenith_router"],
    };
    expect(rootNetworkingAdded(before, after)).toEqual(["link brq123", "table ip zenith_router"]);
  });
});

const canMakeNamespaces =
  process.getuid?.() === 0 &&
  (() => {
    const probe = `zn-bt-probe-${randomBytes(3).toString("hex")}`;
    if (spawnSync("ip", ["netns", "add", probe]).status !== 0) return false;
    spawnSync("ip", ["netns", "del", probe]);
    return true;
  })();

// `npm test` sets ZENITH_REQUIRE_QEMU=1 where it installed the machine's parts (CI, as root):
// there a machine that cannot make namespaces fails this suite instead of skipping it.
if (!canMakeNamespaces && process.env.ZENITH_REQUIRE_QEMU === "1") {
  throw new Error(
    "cannot make a network namespace (root with CAP_SYS_ADMIN needed) although ZENITH_REQUIRE_QEMU=1",
  );
}

describe.skipIf(!canMakeNamespaces)(
  "the network memory benchmark's cleanup (needs a process that can make network namespaces)",
  () => {
    it("kills the processes inside a namespace and removes it, touching no other", async () => {
      const mine = `zn-bt-${randomBytes(3).toString("hex")}`;
      const other = `zn-bt-${randomBytes(3).toString("hex")}`;
      let daemon = 0;
      try {
        addNamespace(mine, ["link add br0 type bridge"]);
        addNamespace(other);
        // A daemon in the namespace, not a child of anything the test holds (as dnsmasq after the agent stops).
        spawnSync("ip", ["netns", "exec", mine, "sh", "-c", "setsid sleep 60 >/dev/null 2>&1 < /dev/null &"]);
        daemon = await until("the daemon in the namespace", () => (namespacePids(mine) as number[])[0]);
        removeNamespaces([mine, "zn-bt-never-made"]);
        expect(namespaceNames()).not.toContain(mine);
        expect(namespaceNames()).toContain(other);
        await until("the daemon to be gone", () => {
          const state = spawnSync("sh", ["-c", `cat /proc/${daemon}/stat 2>/dev/null`], {
            encoding: "utf8",
          }).stdout;
          return state === "" || / Z /.test(state) ? true : undefined;
        });
      } finally {
        // Whatever happened above, the test's own daemon goes.
        if (daemon > 0) spawnSync("kill", ["-9", String(daemon)]);
        spawnSync("ip", ["netns", "del", mine]);
        spawnSync("ip", ["netns", "del", other]);
      }
    });
  },
);
