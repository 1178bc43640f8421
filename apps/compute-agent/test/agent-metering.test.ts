/**
 * The agent's metering against the fake control plane's endpoint: samples of
 * every running guest (CPU, memory, each disk, each NIC by its tap) and of
 * the host arrive in valid batches at the configured interval; a stopped
 * guest stops being sampled; stopping the agent delivers what it had read.
 */
import { randomUUID } from "node:crypto";
import type { Sample } from "@zenith/agent-protocol/metering";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import { describe, expect, it } from "vitest";
import { FakeDriver, failOn } from "../src/driver/fake.ts";
import { desired, next, setup, startAgent } from "./harness.ts";
import { waitFor } from "./wait.ts";

const HOST = "node-1";

describe("compute agent metering", () => {
  it("ships samples of guests and host in valid batches; a powered-off guest is no longer sampled", async () => {
    const h = await setup();
    const driver = new FakeDriver();
    const agent = await startAgent(h, driver, { meteringIntervalMs: 50 });
    await h.cp.waitFor("hello");
    const portId = randomUUID();
    const tap = tapDeviceName(portId);
    const inst = desired(h.cp, { ports: [{ id: portId, mac: "fa:16:3e:00:00:07", device: tap, mtu: 1450 }] });
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");

    const all = () => h.cp.sampleBatches.flatMap((b) => b.samples);
    const of = (pred: (s: Sample) => boolean) => all().filter(pred);
    // Two reads of the guest after it runs: cumulative CPU grows between them.
    const cpu = await waitFor("two cpu samples of the guest", () => {
      const found = of((s) => s.subject === inst.uuid && s.metric === "cpu");
      return found.length >= 2 ? found : undefined;
    });
    expect(h.cp.sampleBatches.every((b) => b.host === HOST)).toBe(true);
    expect(h.cp.invalid).toEqual([]);
    expect(cpu.every((s) => s.resource === "instance" && s.part === undefined)).toBe(true);
    expect(cpu.at(-1)?.value).toBeGreaterThan(cpu[0]?.value ?? Number.POSITIVE_INFINITY);

    const metricsOf = (resource: Sample["resource"], part?: string) =>
      new Set(of((s) => s.resource === resource && s.part === part).map((s) => s.metric));
    expect(metricsOf("instance")).toEqual(new Set(["cpu", "memory.usage"]));
    expect(
      of((s) => s.resource === "instance_disk" && s.subject === inst.uuid).every((s) => s.part === "vda"),
    ).toBe(true);
    expect(metricsOf("instance_disk", "vda")).toEqual(
      new Set([
        "disk.device.read.bytes",
        "disk.device.write.bytes",
        "disk.device.read.requests",
        "disk.device.write.requests",
      ]),
    );
    expect(metricsOf("instance_network_interface", tap)).toEqual(
      new Set([
        "network.incoming.bytes",
        "network.outgoing.bytes",
        "network.incoming.packets",
        "network.outgoing.packets",
      ]),
    );
    const host = of((s) => s.resource === "host");
    expect(host.every((s) => s.subject === HOST)).toBe(true);
    expect(new Set(host.map((s) => s.metric))).toEqual(
      new Set([
        "hardware.cpu.util",
        "hardware.memory.used",
        "hardware.memory.total",
        "hardware.disk.size.used",
        "hardware.disk.size.total",
        "compute.node.instances",
      ]),
    );
    expect(host.filter((s) => s.metric === "compute.node.instances").at(-1)?.value).toBe(1);

    // Powered off: the host counts no running guest any more, and no sample names the guest after that.
    h.cp.put(HOST, next(inst, { power: "stopped" }));
    const off = await waitFor("a host sample with no running guest", () => {
      const last = of((s) => s.metric === "compute.node.instances").at(-1);
      return last?.value === 0 ? last : undefined;
    });
    await waitFor("another read after that", () =>
      of((s) => s.metric === "compute.node.instances" && s.at > off.at).at(-1),
    );
    expect(of((s) => s.subject === inst.uuid && s.at >= off.at)).toEqual([]);

    // stop() waits for a read in flight and its delivery: nothing is left behind in the buffer.
    await agent.stop();
    expect(agent.shipper.pending).toBe(0);
  });

  it("keeps samples while the control plane is down and delivers them, oldest first, when it is back", async () => {
    const h = await setup();
    const agent = await startAgent(h, new FakeDriver(), { meteringIntervalMs: 50 });
    const hostReads = () =>
      h.cp.sampleBatches.flatMap((b) => b.samples).filter((s) => s.metric === "compute.node.instances");
    await waitFor("a first delivered read", () => hostReads().at(-1));
    await h.cp.stop();
    const down = Date.now();
    // Three reads at least pile up (six samples each: the host's).
    await waitFor("samples kept while the control plane is away", () =>
      agent.shipper.pending >= 18 ? true : undefined,
    );
    await h.cp.start();
    const up = Date.now();
    await waitFor("the kept samples delivered", () => (agent.shipper.pending === 0 ? true : undefined));
    const during = hostReads().filter((s) => s.at >= down && s.at <= up);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const times = hostReads().map((s) => s.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(h.cp.invalid).toEqual([]);
  });

  it("a host reading that fails costs only the host's samples, not the guests'", async () => {
    const h = await setup();
    const driver = new FakeDriver({ faults: [failOn("hostUsage", "statfs failed")] });
    await startAgent(h, driver, { meteringIntervalMs: 50 });
    await h.cp.waitFor("hello");
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");
    const all = () => h.cp.sampleBatches.flatMap((b) => b.samples);
    await waitFor("a cpu sample of the guest", () =>
      all().find((s) => s.subject === inst.uuid && s.metric === "cpu"),
    );
    expect(all().filter((s) => s.resource === "host")).toEqual([]);
  });
});
