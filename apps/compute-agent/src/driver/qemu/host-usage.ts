/**
 * The host's use now, for metering: CPU from `/proc/stat` deltas between two
 * readings, memory from `/proc/meminfo`, the storage folder's file system
 * from `statfs`.
 */
import { readFile, statfs } from "node:fs/promises";
import type { HostUsage } from "../counters.ts";
import { type CpuTimes, cpuUtilPercent, parseMeminfo, parseProcStat } from "./procfs.ts";

export class HostUsageMeter {
  /** The previous reading: CPU use is over the time since. */
  private lastCpu: CpuTimes | undefined;

  constructor(private readonly storageDir: string) {}

  async read(runningInstances: number): Promise<HostUsage> {
    const [stat, meminfo, fs] = await Promise.all([
      readFile("/proc/stat", "utf8"),
      readFile("/proc/meminfo", "utf8"),
      statfs(this.storageDir),
    ]);
    const cpu = parseProcStat(stat);
    if (cpu === undefined) throw new Error("/proc/stat has no aggregate cpu line");
    const memory = parseMeminfo(meminfo);
    if (memory === undefined) throw new Error("/proc/meminfo lacks MemTotal or MemAvailable");
    const before = this.lastCpu;
    this.lastCpu = cpu;
    return {
      cpuUtilPercent: before === undefined ? undefined : cpuUtilPercent(before, cpu),
      memoryTotalBytes: memory.totalBytes,
      memoryUsedBytes: Math.max(0, memory.totalBytes - memory.availableBytes),
      diskTotalBytes: fs.blocks * fs.bsize,
      // Used as `df` counts it: every block not free.
      diskUsedBytes: (fs.blocks - fs.bfree) * fs.bsize,
      runningInstances,
    };
  }
}
