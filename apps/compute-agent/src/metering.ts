/**
 * The compute host's metering: every interval the driver's counters become
 * `Sample`s (Ceilometer's meter names, `@zenith/agent-protocol/metering`)
 * for the guests it runs and for the host itself, and the runtime's
 * `SampleShipper` posts them. Mapping only: what a counter means is the
 * driver's (`driver/counters.ts`).
 */
import type { Sample } from "@zenith/agent-protocol/metering";
import type { Logger } from "@zenith/core/logger";
import type { HostUsage, InstanceCounters } from "./driver/counters.ts";
import type { ComputeDriver } from "./driver/types.ts";

/** An instance's samples: CPU and memory on the instance, each disk and NIC as its own resource. */
export function instanceSamples(c: InstanceCounters, at: number): Sample[] {
  const samples: Sample[] = [{ resource: "instance", subject: c.uuid, metric: "cpu", value: c.cpuNs, at }];
  if (c.memoryMb !== undefined) {
    samples.push({ resource: "instance", subject: c.uuid, metric: "memory.usage", value: c.memoryMb, at });
  }
  for (const d of c.disks) {
    const disk = { resource: "instance_disk", subject: c.uuid, part: d.device, at } as const;
    samples.push(
      { ...disk, metric: "disk.device.read.bytes", value: d.readBytes },
      { ...disk, metric: "disk.device.write.bytes", value: d.writeBytes },
      { ...disk, metric: "disk.device.read.requests", value: d.readRequests },
      { ...disk, metric: "disk.device.write.requests", value: d.writeRequests },
    );
  }
  for (const n of c.nics) {
    const nic = { resource: "instance_network_interface", subject: c.uuid, part: n.tap, at } as const;
    samples.push(
      { ...nic, metric: "network.incoming.bytes", value: n.incomingBytes },
      { ...nic, metric: "network.outgoing.bytes", value: n.outgoingBytes },
      { ...nic, metric: "network.incoming.packets", value: n.incomingPackets },
      { ...nic, metric: "network.outgoing.packets", value: n.outgoingPackets },
    );
  }
  return samples;
}

/** The host's samples, its name as the subject. A CPU use not known yet (first reading) is left out. */
export function hostSamples(host: string, u: HostUsage, at: number): Sample[] {
  const sample = (metric: Sample["metric"], value: number): Sample => ({
    resource: "host",
    subject: host,
    metric,
    value,
    at,
  });
  return [
    ...(u.cpuUtilPercent === undefined ? [] : [sample("hardware.cpu.util", u.cpuUtilPercent)]),
    sample("hardware.memory.used", u.memoryUsedBytes),
    sample("hardware.memory.total", u.memoryTotalBytes),
    sample("hardware.disk.size.used", u.diskUsedBytes),
    sample("hardware.disk.size.total", u.diskTotalBytes),
    sample("compute.node.instances", u.runningInstances),
  ];
}

/**
 * One read of everything the host meters. All samples of a read carry the
 * same time (taken once the counters are in), so the rates the control
 * plane derives between two reads use one clock. The guests and the host
 * are read independently: one failing does not cost the other's samples.
 */
export async function readSamples(
  driver: ComputeDriver,
  host: string,
  now: () => number,
  logger: Logger,
): Promise<Sample[]> {
  const [instances, usage] = await Promise.allSettled([driver.readCounters(), driver.hostUsage()]);
  const at = Math.round(now());
  if (instances.status === "rejected" && usage.status === "rejected") throw instances.reason;
  const samples: Sample[] = [];
  if (instances.status === "fulfilled")
    samples.push(...instances.value.flatMap((c) => instanceSamples(c, at)));
  else logger.warn({ err: String(instances.reason) }, "cannot read the guests' counters");
  if (usage.status === "fulfilled") samples.push(...hostSamples(host, usage.value, at));
  else logger.warn({ err: String(usage.reason) }, "cannot read the host's usage");
  return samples;
}
