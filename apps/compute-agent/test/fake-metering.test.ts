/**
 * The fake driver's synthetic metering on a simulated clock: counters only
 * grow, busy guests use nearly all their vCPUs and idle ones little, a
 * paused guest's CPU stands still, a restart starts counters again, and the
 * same uuid at the same instant always reads the same.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { InstanceCounters } from "../src/driver/counters.ts";
import { FakeDriver } from "../src/driver/fake.ts";
import { loadProfile } from "../src/driver/fake-meter.ts";
import { PowerState, type SpawnSpec } from "../src/driver/types.ts";

const VCPUS = 2;

/** A uuid the fake's profile makes busy (or idle): one in four is busy, so a few tries find one. */
function uuidThatIs(busy: boolean): string {
  for (;;) {
    const uuid = randomUUID();
    if (loadProfile(uuid, VCPUS).busy === busy) return uuid;
  }
}

function spec(uuid: string): SpawnSpec {
  return {
    uuid,
    name: `m-${uuid.slice(0, 6)}`,
    flavor: { vcpus: VCPUS, memoryMb: 1024, rootGb: 10 },
    image: {
      id: randomUUID(),
      diskFormat: "qcow2",
      data: { kind: "stream", open: async () => Readable.from([Buffer.from("cirros")]) },
    },
    networkInterfaces: [{ portId: randomUUID(), macAddress: "fa:16:3e:00:00:01" }],
  };
}

async function setup() {
  const clock = { now: 1_700_000_000_000 };
  const driver = new FakeDriver({ now: () => clock.now, host: { vcpus: 16 } });
  await driver.init();
  const busy = uuidThatIs(true);
  const idle = uuidThatIs(false);
  await driver.spawn(spec(busy));
  await driver.spawn(spec(idle));
  const read = async () => new Map((await driver.readCounters()).map((c) => [c.uuid, c]));
  return { clock, driver, busy, idle, read };
}

/** Every cumulative number of a guest's counters, named. */
function cumulative(c: InstanceCounters): Record<string, number> {
  const out: Record<string, number> = { cpu: c.cpuNs };
  for (const d of c.disks) {
    out[`${d.device}.rb`] = d.readBytes;
    out[`${d.device}.wb`] = d.writeBytes;
    out[`${d.device}.rr`] = d.readRequests;
    out[`${d.device}.wr`] = d.writeRequests;
  }
  for (const n of c.nics) {
    out[`${n.tap}.ib`] = n.incomingBytes;
    out[`${n.tap}.ob`] = n.outgoingBytes;
    out[`${n.tap}.ip`] = n.incomingPackets;
    out[`${n.tap}.op`] = n.outgoingPackets;
  }
  return out;
}

describe("fake driver metering", () => {
  it("over 6 h of 10 s samples every counter only grows, rates vary, and CPU follows the load", async () => {
    const { clock, busy, idle, read } = await setup();
    let previous = await read();
    const cpuRates: Record<string, number[]> = { [busy]: [], [idle]: [] };
    const rxRates: number[] = [];
    for (let i = 0; i < 6 * 360; i++) {
      clock.now += 10_000;
      const current = await read();
      for (const uuid of [busy, idle]) {
        const before = previous.get(uuid);
        const after = current.get(uuid);
        if (!before || !after) throw new Error(`${uuid} not read`);
        const a = cumulative(before);
        const b = cumulative(after);
        for (const [name, value] of Object.entries(b)) {
          expect(value, `${name} of ${uuid}`).toBeGreaterThanOrEqual(a[name] ?? Number.POSITIVE_INFINITY);
        }
        // ns of CPU per ns of wall time: vCPUs in use.
        cpuRates[uuid]?.push((after.cpuNs - before.cpuNs) / 10e9);
        expect(after.memoryMb).toBeGreaterThan(0);
        expect(after.memoryMb).toBeLessThanOrEqual(1024);
        if (uuid === idle)
          rxRates.push((after.nics[0]?.incomingBytes ?? 0) - (before.nics[0]?.incomingBytes ?? 0));
      }
      previous = current;
    }
    const busyRates = cpuRates[busy] ?? [];
    const idleRates = cpuRates[idle] ?? [];
    // Busy: near all of its vCPUs, never above them; idle: a few percent of one.
    expect(Math.min(...busyRates)).toBeGreaterThan(0.8 * VCPUS);
    expect(Math.max(...busyRates)).toBeLessThanOrEqual(VCPUS);
    expect(Math.max(...idleRates)).toBeLessThan(0.15);
    expect(Math.min(...idleRates)).toBeGreaterThan(0);
    // Noise: no two consecutive intervals alike; traffic varies by more than a factor of 2 over the hours.
    expect(new Set(busyRates.map((r) => r.toFixed(6))).size).toBeGreaterThan(busyRates.length / 2);
    expect(Math.max(...rxRates)).toBeGreaterThan(2 * Math.min(...rxRates));
  });

  it("a paused guest's CPU stands still; shut down it is not read; powered on its counters start again", async () => {
    const { clock, driver, busy, read } = await setup();
    clock.now += 60_000;
    const running = (await read()).get(busy);
    await driver.pause(busy);
    clock.now += 60_000;
    const paused = (await read()).get(busy);
    expect(paused?.powerState).toBe(PowerState.PAUSED);
    expect(paused?.cpuNs).toBe(running?.cpuNs);
    await driver.unpause(busy);
    clock.now += 10_000;
    expect((await read()).get(busy)?.cpuNs).toBeGreaterThan(paused?.cpuNs ?? Number.POSITIVE_INFINITY);

    await driver.powerOff(busy);
    expect((await read()).has(busy)).toBe(false);
    await driver.powerOn(busy);
    clock.now += 10_000;
    // A new process: 10 s of a busy 2-vCPU guest, not the minutes before.
    expect((await read()).get(busy)?.cpuNs).toBeLessThanOrEqual(10e9 * VCPUS);

    await driver.destroy(busy);
    expect((await read()).has(busy)).toBe(false);
  });

  it("deterministic: another driver with the same guest at the same instant reads the same", async () => {
    const a = await setup();
    const b = new FakeDriver({ now: () => a.clock.now });
    await b.init();
    const s = spec(a.busy);
    await b.spawn({ ...s, networkInterfaces: (await a.driver.getInfo(a.busy)).interfaces });
    a.clock.now += 123_456;
    const mine = (await a.read()).get(a.busy);
    const theirs = (await b.readCounters()).find((c) => c.uuid === a.busy);
    expect(theirs).toEqual(mine);
  });

  it("server metadata zenith_fake_load chooses the load whatever the uuid draws", async () => {
    const clock = { now: 1_700_000_000_000 };
    const driver = new FakeDriver({ now: () => clock.now });
    await driver.init();
    const drawnIdle = uuidThatIs(false);
    const drawnBusy = uuidThatIs(true);
    await driver.spawn({ ...spec(drawnIdle), metadata: { zenith_fake_load: "busy" } });
    await driver.spawn({ ...spec(drawnBusy), metadata: { zenith_fake_load: "idle" } });
    const before = new Map((await driver.readCounters()).map((c) => [c.uuid, c.cpuNs]));
    clock.now += 60_000;
    const after = new Map((await driver.readCounters()).map((c) => [c.uuid, c.cpuNs]));
    const rate = (uuid: string) => ((after.get(uuid) ?? 0) - (before.get(uuid) ?? 0)) / 60e9;
    expect(rate(drawnIdle)).toBeGreaterThan(0.8 * VCPUS);
    expect(rate(drawnBusy)).toBeLessThan(0.15);
  });

  it("host usage adds up its guests: running count, CPU of the busy one, memory within the total", async () => {
    const { clock, driver, busy, read } = await setup();
    clock.now += 30_000;
    const usage = await driver.hostUsage();
    expect(usage.runningInstances).toBe(2);
    // The busy guest alone keeps ~1.8 of 16 vCPUs busy: > 10 %, and two guests cannot fill the host.
    expect(usage.cpuUtilPercent).toBeGreaterThan(10);
    expect(usage.cpuUtilPercent).toBeLessThan(30);
    expect(usage.memoryUsedBytes).toBeGreaterThan(0);
    expect(usage.memoryUsedBytes).toBeLessThanOrEqual(usage.memoryTotalBytes);
    await driver.pause(busy);
    const paused = await driver.hostUsage();
    expect(paused.runningInstances).toBe(1);
    expect(paused.cpuUtilPercent).toBeLessThan(usage.cpuUtilPercent ?? 0);
    expect((await read()).size).toBe(2);
  });
});
