/**
 * Desired `ports` through the agent on the fake driver: NICs at spawn in
 * port order, hot-plug and unplug from desired vs actual, the reported
 * `ports`, and the simulated taps the host's fake network driver reads.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { type DesiredInstance, PowerState } from "@zenith/agent-protocol/compute";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import { listFakeTaps } from "@zenith/agent-runtime/fake-taps";
import { describe, expect, it } from "vitest";
import { failTimes } from "../src/driver/fake.ts";
import { desired, next, setup, spiedDriver, startAgent } from "./harness.ts";
import { waitFor } from "./wait.ts";

const HOST = "node-1";

function port(mac: string): DesiredInstance["ports"][number] {
  const id = randomUUID();
  return { id, mac, device: tapDeviceName(id), mtu: 1450 };
}

async function withPorts(ports: DesiredInstance["ports"]) {
  const h = await setup();
  const tapDir = join(h.dataDir, "fake-taps", HOST);
  const { driver, calls } = spiedDriver({ tapDir });
  const agent = await startAgent(h, driver);
  await h.cp.waitFor("hello");
  const inst = desired(h.cp, { ports });
  h.cp.put(HOST, inst);
  await h.cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");
  return { ...h, driver, calls, agent, inst, tapDir };
}

/** The last report once it is for `generation` and lists exactly `ports`. */
function reportedPorts(cp: Awaited<ReturnType<typeof setup>>["cp"], inst: DesiredInstance) {
  return waitFor(`report of generation ${inst.generation} with its ports`, () => {
    const r = cp.lastReport(inst.uuid);
    const want = inst.ports.map((p) => p.id);
    return r?.applied.generation === inst.generation && JSON.stringify(r.ports) === JSON.stringify(want)
      ? r
      : undefined;
  });
}

describe("compute agent: ports", () => {
  it("spawns with a NIC and a tap per port, in port order, and reports the ports", async () => {
    const a = port("fa:16:3e:00:00:01");
    const b = port("fa:16:3e:00:00:02");
    const { cp, driver, inst, tapDir } = await withPorts([a, b]);
    await reportedPorts(cp, inst);
    expect((await driver.getInfo(inst.uuid)).interfaces).toEqual([
      { portId: a.id, macAddress: a.mac, mtu: 1450, device: a.device },
      { portId: b.id, macAddress: b.mac, mtu: 1450, device: b.device },
    ]);
    const taps = (await listFakeTaps(tapDir)).sort((x, y) => x.mac.localeCompare(y.mac));
    expect(taps).toEqual([
      { device: a.device, portId: a.id, instance: inst.uuid, mac: a.mac, mtu: 1450 },
      { device: b.device, portId: b.id, instance: inst.uuid, mac: b.mac, mtu: 1450 },
    ]);
    expect(driver.taps().map((t) => t.device)).toEqual([a.device, b.device]);
  });

  it("hot-plugs an added port and unplugs a removed one; destroy removes every tap", async () => {
    const a = port("fa:16:3e:00:00:11");
    const { cp, driver, calls, inst, tapDir } = await withPorts([a]);
    await reportedPorts(cp, inst);
    const c = port("fa:16:3e:00:00:13");
    const plugged = next(inst, { ports: [a, c] });
    cp.put(HOST, plugged);
    await reportedPorts(cp, plugged);
    expect(calls.filter((op) => op === "attachInterface")).toHaveLength(1);
    expect((await listFakeTaps(tapDir)).map((t) => t.device).sort()).toEqual([a.device, c.device].sort());
    expect((await driver.getInfo(inst.uuid)).powerState).toBe(PowerState.RUNNING);

    const unplugged = next(plugged, { ports: [c] });
    cp.put(HOST, unplugged);
    await reportedPorts(cp, unplugged);
    expect((await listFakeTaps(tapDir)).map((t) => t.device)).toEqual([c.device]);

    cp.remove(HOST, inst.uuid);
    await waitFor("destroyed", () => (cp.lastReport(inst.uuid)?.exists === false ? true : undefined));
    expect(await listFakeTaps(tapDir)).toEqual([]);
    expect(driver.taps()).toEqual([]);
  });

  it("a suspended guest gets its new port once resumed", async () => {
    const a = port("fa:16:3e:00:00:21");
    const { cp, inst } = await withPorts([a]);
    const suspended = next(inst, { power: "suspended" });
    cp.put(HOST, suspended);
    await reportedPorts(cp, suspended);
    const b = port("fa:16:3e:00:00:22");
    // Suspended with a port added: nothing to do until it runs (its devices are in the saved memory).
    const both = next(suspended, { ports: [a, b] });
    cp.put(HOST, both);
    await waitFor("pass done", () =>
      cp.lastReport(inst.uuid)?.applied.generation === both.generation ? true : undefined,
    );
    expect(cp.lastReport(inst.uuid)?.ports).toEqual([a.id]);
    const resumed = next(both, { power: "running" });
    cp.put(HOST, resumed);
    const r = await reportedPorts(cp, resumed);
    expect(r.powerState).toBe(PowerState.RUNNING);
  });

  it("a failed hot-plug leaves the port out of the report; the next desired state retries it", async () => {
    const a = port("fa:16:3e:00:00:31");
    const { cp, driver, inst } = await withPorts([a]);
    await reportedPorts(cp, inst);
    const remove = driver.inject(failTimes("attachInterface", 1));
    const b = port("fa:16:3e:00:00:32");
    const wanted = next(inst, { ports: [a, b] });
    cp.put(HOST, wanted);
    await waitFor("failed pass reported", () => {
      const r = cp.lastReport(inst.uuid);
      return r?.applied.generation === wanted.generation ? r : undefined;
    });
    expect(cp.lastReport(inst.uuid)?.ports).toEqual([a.id]);
    remove();
    const again = next(wanted, {});
    cp.put(HOST, again);
    await reportedPorts(cp, again);
  });
});
