/**
 * The reconciler over the fake driver: converges the whole host from one
 * desired message, reports applied generations and errors, removes what is
 * no longer desired (a network only after its last user), repairs drift,
 * and after a restart converges in place from its state file.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppliedState, NetworkAgentMessage } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDriver } from "../src/driver/fake.ts";
import { simulatedOrRealDevices } from "../src/driver/fake-taps.ts";
import { Reconciler } from "../src/reconciler.ts";
import { desired, dhcp, port, router, vxlanNetwork } from "./specs.ts";
import { waitFor } from "./wait.ts";

const logger = createLogger("reconciler-test", "silent");
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: { stateDir?: string; driver?: FakeDriver; resyncMs?: number } = {}) {
  const stateDir = opts.stateDir ?? (await mkdtemp(join(tmpdir(), "net-reconciler-")));
  if (opts.stateDir === undefined) cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
  const driver = opts.driver ?? new FakeDriver();
  const sent: NetworkAgentMessage[] = [];
  const reconciler = new Reconciler({
    driver,
    stateDir,
    send: (m) => sent.push(m),
    logger,
    resyncMs: opts.resyncMs ?? 60_000,
    absentPollMs: 20,
  });
  await reconciler.start();
  cleanups.push(() => reconciler.stop());
  const lastReport = (): AppliedState | undefined => {
    const reports = sent.filter((m) => m.type === "report");
    const last = reports[reports.length - 1];
    return last?.type === "report" ? last.applied : undefined;
  };
  return { stateDir, driver, reconciler, sent, lastReport };
}

const net1 = vxlanNetwork("net-1", 101);
const full = desired({
  networks: [net1],
  ports: [port("port-a", "net-1", { generation: 3 })],
  dhcp: [dhcp("net-1", 2)],
  routers: [router("r1", ["net-1"], 5)],
});

describe("network reconciler (fake driver)", () => {
  it("converges the whole host from one message and reports what it applied, by generation", async () => {
    const { driver, reconciler, lastReport } = await setup();
    reconciler.onDesired(full);
    await reconciler.idle();
    expect(lastReport()).toEqual({
      ports: [{ id: "port-a", generation: 3 }],
      dhcp: [{ networkId: "net-1", generation: 2 }],
      routers: [{ id: "r1", generation: 5 }],
      errors: [],
    });
    // The network is set up before anything on it.
    expect(driver.calls.indexOf("ensureNetwork:net-1")).toBeLessThan(
      driver.calls.indexOf("ensurePort:port-a"),
    );
    expect(driver.networks.get("net-1")?.slot).toBe(1);
    expect(driver.ports.get("port-a")?.slot).toBe(1);
  });

  it("removes what is no longer desired, the network only after its ports, DHCP and routers", async () => {
    const { driver, reconciler, lastReport } = await setup();
    reconciler.onDesired(full);
    await reconciler.idle();
    reconciler.onDesired(desired({}));
    await reconciler.idle();
    await waitFor("the network removed", () => driver.networks.size === 0);
    await reconciler.idle();
    expect(driver.ports.size + driver.dhcp.size + driver.routers.size).toBe(0);
    const removeNet = driver.calls.indexOf("removeNetwork:net-1");
    for (const user of ["removePort:port-a", "removeDhcp:net-1", "removeRouter:r1"]) {
      expect(driver.calls.indexOf(user)).toBeGreaterThan(-1);
      expect(driver.calls.indexOf(user)).toBeLessThan(removeNet);
    }
    expect(lastReport()).toEqual({ ports: [], dhcp: [], routers: [], errors: [] });
  });

  it("reports a failed pass as an error and clears it once a later pass converges", async () => {
    const { driver, reconciler, lastReport } = await setup();
    driver.failNext.add("port-a");
    reconciler.onDesired(full);
    await reconciler.idle();
    expect(lastReport()?.ports).toEqual([]);
    expect(lastReport()?.errors).toEqual([
      { kind: "port", id: "port-a", message: "fake failure of ensurePort for port-a" },
    ]);
    // The next desired message (or the periodic resync) retries.
    reconciler.onDesired(full);
    await reconciler.idle();
    expect(lastReport()?.ports).toEqual([{ id: "port-a", generation: 3 }]);
    expect(lastReport()?.errors).toEqual([]);
  });

  it("reports a port wired only once its device exists, and a newer generation once re-applied", async () => {
    let present = false;
    const { reconciler, lastReport } = await setup({
      driver: new FakeDriver({
        devices: async () => new Set(present ? [port("port-a", "net-1").device] : []),
      }),
    });
    reconciler.onDesired(full);
    await reconciler.idle();
    expect(lastReport()?.ports).toEqual([]);
    present = true;
    await waitFor("the port reported wired", () => lastReport()?.ports.length === 1);
    reconciler.onDesired({ ...full, ports: [port("port-a", "net-1", { generation: 4 })] });
    await reconciler.idle();
    expect(lastReport()?.ports).toEqual([{ id: "port-a", generation: 4 }]);
  });

  it("repairs drift periodically: a network deleted behind its back comes back", async () => {
    const { driver, reconciler } = await setup({ resyncMs: 30 });
    reconciler.onDesired(full);
    await reconciler.idle();
    driver.networks.delete("net-1");
    await waitFor("the network re-created", () => driver.networks.has("net-1"));
  });

  it("after a restart converges in place from its state file and removes what the next message drops", async () => {
    const first = await setup();
    first.reconciler.onDesired(full);
    await first.reconciler.idle();
    await first.reconciler.stop();

    // A new process: the driver's view is empty, the state file remembers.
    const second = await setup({ stateDir: first.stateDir });
    await waitFor("the port wired again without a message", () => second.driver.ports.has("port-a"));
    expect(second.driver.networks.get("net-1")?.slot).toBe(1);
    const net2 = vxlanNetwork("net-2", 102);
    second.reconciler.onDesired(desired({ networks: [net2], ports: [port("port-b", "net-2")] }));
    await second.reconciler.idle();
    await waitFor("net-1 removed", () => second.driver.calls.includes("removeNetwork:net-1"));
    await second.reconciler.idle();
    expect([...second.driver.networks.keys()]).toEqual(["net-2"]);
    // net-1's slot was released only with its record: net-2 got the next one.
    expect(second.driver.networks.get("net-2")?.slot).toBe(2);
    expect(second.lastReport()?.ports).toEqual([{ id: "port-b", generation: 1 }]);
  });

  it("reports a port wired only once the state file says so: an agent killed after any report comes back with it", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "net-reconciler-"));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    // Devices answer after a random few milliseconds, so passes finish while others' saves are on the way.
    const ports = Array.from({ length: 30 }, (_, i) => port(`port-${i}`, "net-1", { generation: 1 }));
    const devices = new Set(ports.map((p) => p.device));
    const driver = new FakeDriver({
      devices: () => new Promise((resolve) => setTimeout(() => resolve(devices), Math.random() * 4)),
    });
    const unsaved: string[] = [];
    const reconciler = new Reconciler({
      driver,
      stateDir,
      send: (m) => {
        if (m.type !== "report") return;
        // What a process killed at this instant would load.
        const saved = JSON.parse(readFileSync(join(stateDir, "state.json"), "utf8")).instances;
        for (const p of m.applied.ports)
          if (saved[`port:${p.id}`]?.wiredGeneration == null) unsaved.push(p.id);
      },
      logger,
      resyncMs: 60_000,
      absentPollMs: 20,
    });
    await reconciler.start();
    cleanups.push(() => reconciler.stop());
    reconciler.onDesired(desired({ networks: [net1], ports }));
    await reconciler.idle();
    expect(reconciler.applied().ports).toHaveLength(30);
    expect(unsaved).toEqual([]);
  });

  it("a message arriving while the driver works wins: the network goes without an error", async () => {
    const { driver, reconciler, lastReport } = await setup();
    let release = () => {};
    driver.gates.set(
      "net-1",
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    reconciler.onDesired(full);
    await waitFor("the network pass under way", () => driver.calls.includes("ensureNetwork:net-1"));
    reconciler.onDesired(desired({}));
    release();
    await waitFor("the network removed", () => driver.calls.includes("removeNetwork:net-1"));
    await reconciler.idle();
    expect(driver.networks.size).toBe(0);
    expect(lastReport()?.errors ?? []).toEqual([]);
  });

  it("with the fake compute driver's tap files, a port is wired while its tap file (or a real device) exists", async () => {
    const taps = await mkdtemp(join(tmpdir(), "net-fake-taps-"));
    cleanups.push(() => rm(taps, { recursive: true, force: true }));
    const { reconciler, lastReport } = await setup({
      driver: new FakeDriver({ devices: () => simulatedOrRealDevices(taps) }),
      resyncMs: 50,
    });
    reconciler.onDesired(full);
    await reconciler.idle();
    expect(lastReport()?.ports).toEqual([]);
    const device = port("port-a", "net-1").device;
    await writeFile(join(taps, `${device}.json`), JSON.stringify({ device, portId: "port-a" }));
    await waitFor("the port wired", () => lastReport()?.ports.length === 1);
    await rm(join(taps, `${device}.json`));
    await waitFor("the port unplugged", () => lastReport()?.ports.length === 0);
    // A real device of this namespace counts as a tap too (a QEMU host with simulated networking).
    expect((await simulatedOrRealDevices(taps)).has("lo")).toBe(true);
  });
});
