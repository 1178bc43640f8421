/**
 * Metering counters of one QEMU guest: CPU time and memory from /proc, disk
 * counters over the driver's own QMP connection (`Guest.query`, never a
 * second one: QEMU's monitor serves one client), NIC counters from the taps.
 */
import { basename } from "node:path";
import { z } from "zod";
import type { DiskCounters, InstanceCounters } from "../counters.ts";
import { PowerState } from "../schemas.ts";
import { balloonUsedMb, parseBlockstats } from "./blockstats.ts";
import type { Guest } from "./guest.ts";
import { processCpuNs, processRssBytes } from "./procfs.ts";
import { QmpCommandError } from "./qmp.ts";
import { readTapCounters } from "./taps.ts";
import { volumeIds } from "./volumes.ts";

const { RUNNING, PAUSED, CRASHED } = PowerState;
const MiB = 1024 ** 2;

/** The guest's counters, or undefined when it has no process (shut down, suspended, gone meanwhile). */
export async function guestCounters(g: Guest): Promise<InstanceCounters | undefined> {
  const { powerState } = await g.runState();
  if (powerState !== RUNNING && powerState !== PAUSED && powerState !== CRASHED) return undefined;
  const pid = await g.pid();
  const cpuNs = pid === undefined ? undefined : await processCpuNs(pid);
  if (pid === undefined || cpuNs === undefined) return undefined;
  const [memoryMb, disks, nics] = await Promise.all([
    memoryUsedMb(g, pid),
    diskCounters(g),
    Promise.all(g.domain.interfaces.map((vif) => readTapCounters(vif))),
  ]);
  return {
    uuid: g.uuid,
    powerState,
    vcpus: g.domain.flavor.vcpus,
    cpuNs,
    memoryMb,
    disks,
    nics: nics.filter((n) => n !== undefined),
  };
}

/** Guest device (`vda`, …) of each QEMU device id: `root` is the local root disk, volumes have their own. */
function guestDevices(g: Guest): Map<string, string> {
  const devices = new Map<string, string>([["root", "vda"]]);
  for (const v of g.domain.volumes) devices.set(volumeIds(v.attachmentId).device, basename(v.device));
  return devices;
}

async function diskCounters(g: Guest): Promise<DiskCounters[]> {
  const answer = await g.query("query-blockstats");
  if (answer === undefined) return [];
  const devices = guestDevices(g);
  return parseBlockstats(answer, (id) => devices.get(id));
}

/**
 * What the guest's balloon driver reports when the guest has a balloon
 * device with stats polling on; else the process's resident memory, which
 * for a guest is the memory it has touched (Ceilometer falls back the same way).
 */
async function memoryUsedMb(g: Guest, pid: number): Promise<number | undefined> {
  const fromBalloon = await balloonMemory(g);
  if (fromBalloon !== undefined) return fromBalloon;
  const rss = await processRssBytes(pid);
  return rss === undefined ? undefined : rss / MiB;
}

const balloonTypes = /^child<virtio-balloon(-pci|-ccw|-device)?>$/;
const qomListSchema = z.array(z.object({ name: z.string(), type: z.string() }).loose());

async function balloonMemory(g: Guest): Promise<number | undefined> {
  try {
    await g.query("query-balloon");
  } catch (err) {
    // DeviceNotActive: no balloon (the driver adds none today).
    if (err instanceof QmpCommandError) return undefined;
    throw err;
  }
  const devices = qomListSchema.safeParse(await g.query("qom-list", { path: "/machine/peripheral" }));
  const balloon = devices.success ? devices.data.find((d) => balloonTypes.test(d.type)) : undefined;
  if (balloon === undefined) return undefined;
  const stats = await g
    .query("qom-get", { path: `/machine/peripheral/${balloon.name}`, property: "guest-stats" })
    .catch((err: unknown) => {
      if (err instanceof QmpCommandError) return undefined;
      throw err;
    });
  return balloonUsedMb(stats);
}
