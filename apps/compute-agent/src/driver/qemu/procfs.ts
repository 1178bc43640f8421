/**
 * What Linux's /proc says about a guest's process and about the host, for
 * metering. The parsers are pure (text in, numbers out) so they are tested
 * on real-shaped fixtures; the readers around them do the I/O.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** utime and stime of `/proc/<pid>/stat`, in clock ticks. */
export interface ProcCpuTicks {
  utime: number;
  stime: number;
}

/**
 * Fields 14 and 15 of `/proc/<pid>/stat`. The command name (field 2) is in
 * parentheses and may itself contain spaces and parentheses, so fields are
 * counted after its last `)`.
 */
export function parsePidStat(text: string): ProcCpuTicks | undefined {
  const close = text.lastIndexOf(")");
  if (close < 0) return undefined;
  // After ") " comes field 3 (state): utime (14) and stime (15) are at 11 and 12.
  const fields = text.slice(close + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!(Number.isSafeInteger(utime) && Number.isSafeInteger(stime) && utime >= 0 && stime >= 0)) {
    return undefined;
  }
  return { utime, stime };
}

/** `VmRSS` of `/proc/<pid>/status`, in bytes (the kernel writes kB, i.e. KiB). */
export function parseVmRss(text: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]) * 1024;
}

export interface MemInfo {
  totalBytes: number;
  availableBytes: number;
}

/** `MemTotal` and `MemAvailable` of `/proc/meminfo` (kB, i.e. KiB). */
export function parseMeminfo(text: string): MemInfo | undefined {
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, "m").exec(text);
    return m?.[1] === undefined ? undefined : Number(m[1]) * 1024;
  };
  const totalBytes = field("MemTotal");
  const availableBytes = field("MemAvailable");
  if (totalBytes === undefined || availableBytes === undefined) return undefined;
  return { totalBytes, availableBytes };
}

/** The host's aggregate CPU time (the `cpu ` line of `/proc/stat`), in ticks. */
export interface CpuTimes {
  /** Every state summed (guest time is already part of user and nice, so it is not added twice). */
  total: number;
  /** Idle and waiting for I/O: the CPU was free to run something. */
  idle: number;
}

export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split("\n").find((l) => l.startsWith("cpu "));
  if (line === undefined) return undefined;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  if (values.length < 4 || !values.every((v) => Number.isSafeInteger(v) && v >= 0)) return undefined;
  // user nice system idle iowait irq softirq steal guest guest_nice
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
  return {
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    idle: idle + iowait,
  };
}

/** Busy share of the time between two readings, 0–100; undefined when no time passed. */
export function cpuUtilPercent(before: CpuTimes, after: CpuTimes): number | undefined {
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  const idle = after.idle - before.idle;
  return Math.min(100, Math.max(0, (100 * (total - idle)) / total));
}

let clockTicks: Promise<number> | undefined;

/**
 * `CLK_TCK` (USER_HZ), the unit of /proc's CPU times: asked of `getconf`
 * once per process. Linux fixes it at 100 on every architecture, which is
 * also the answer when `getconf` is missing.
 */
export function clockTicksPerSecond(): Promise<number> {
  clockTicks ??= execFileAsync("getconf", ["CLK_TCK"], { timeout: 5_000 }).then(
    ({ stdout }) => {
      const hz = Number(stdout.trim());
      return Number.isSafeInteger(hz) && hz > 0 ? hz : 100;
    },
    () => 100,
  );
  return clockTicks;
}

/** CPU time (user + system, every thread) of a process in ns; undefined when it is gone. */
export async function processCpuNs(pid: number): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const ticks = parsePidStat(text);
  if (ticks === undefined) return undefined;
  const hz = await clockTicksPerSecond();
  return Math.round(((ticks.utime + ticks.stime) * 1e9) / hz);
}

/** Resident memory of a process in bytes; undefined when it is gone. */
export async function processRssBytes(pid: number): Promise<number | undefined> {
  try {
    return parseVmRss(await readFile(`/proc/${pid}/status`, "utf8"));
  } catch {
    return undefined;
  }
}
