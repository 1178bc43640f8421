/**
 * The QEMU process of one guest: its command line, its launch, and what
 * /proc says about it. QEMU is started with `-daemonize`: it forks after
 * initialising (sockets listening, disks open), the parent's exit status
 * tells whether the start worked (with QEMU's own error message), and the
 * guest is no child of the agent, so it outlives an agent restart.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { type NetworkInterface, tapOf } from "../schemas.ts";
import type { Domain, InstancePaths, NicDefinition } from "./instance-dir.ts";
import { isMissing } from "./instance-dir.ts";
import type { Accelerator } from "./probe.ts";
import { clockTicksPerSecond } from "./procfs.ts";
import { volumeArgv } from "./volumes.ts";

const execFileAsync = promisify(execFile);

/** Commas separate QEMU's `key=value` options; a literal comma is written twice. */
const opt = (value: string) => value.replaceAll(",", ",,");

/** Node and device ids: QEMU wants ≤ 31 characters starting with a letter (volumes: `volumes.ts`). */
export function nicId(portId: string): string {
  return `nic${portId.replaceAll("-", "").slice(0, 24)}`;
}

/** RFC 1123 label from a display name, as Nova's `sanitize_hostname`. */
export function sanitizeHostname(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[ _]/g, "-")
    .replace(/[^a-z0-9-]/g, "")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label === "" ? "zenith-guest" : label;
}

/**
 * QEMU opens the agent's persistent tap (`taps.ts`) by name and runs no
 * scripts: the network agent plugs it. No vhost-net: it needs /dev/vhost-net
 * and KVM, and TCG guests gain nothing from it.
 */
export function tapNetdev(vif: NetworkInterface): Record<string, unknown> {
  return {
    type: "tap",
    id: nicId(vif.portId),
    ifname: tapOf(vif),
    script: "no",
    downscript: "no",
    vhost: false,
  };
}
export function nicDevice(vif: NicDefinition): Record<string, unknown> {
  return {
    driver: "virtio-net-pci",
    id: nicId(vif.portId),
    netdev: nicId(vif.portId),
    mac: vif.macAddress,
    ...(vif.mtu === undefined ? {} : { host_mtu: vif.mtu }),
    ...(vif.slot === undefined ? {} : { addr: `0x${vif.slot.toString(16)}` }),
  };
}

/** The accelerator and CPU model every guest gets; the KVM probe boots with the same ones. */
export function acceleratorArgs(accelerator: Accelerator): string[] {
  return accelerator === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg"];
}

export interface ArgvOptions {
  accelerator: Accelerator;
  /** Start waiting for a migration stream (resume from a saved memory image). */
  incoming?: boolean;
}

/**
 * The whole machine from its definition. Every path is absolute: a
 * daemonized QEMU changes to `/`, and relative paths break later (e.g.
 * inactivating disks at the end of a suspend).
 */
export function qemuArgv(domain: Domain, paths: InstancePaths, options: ArgvOptions): string[] {
  const { uuid, flavor } = domain;
  const json = (o: Record<string, unknown>) => JSON.stringify(o);
  const hostname = sanitizeHostname(domain.name);
  const argv = [
    ["-name", `guest=${uuid},debug-threads=on`],
    ["-uuid", uuid],
    ["-machine", "pc"],
    acceleratorArgs(options.accelerator),
    ["-smp", String(flavor.vcpus)],
    ["-m", String(flavor.memoryMb)],
    ["-nodefaults", "-no-user-config"],
    ["-daemonize", "-pidfile", paths.pid],
    ["-qmp", `unix:${opt(paths.qmp)},server=on,wait=off`],
    [
      "-chardev",
      `socket,id=ser0,path=${opt(paths.serial)},server=on,wait=off,logfile=${opt(paths.consoleLog)},logappend=on`,
    ],
    ["-serial", "chardev:ser0"],
    ["-vga", "std", "-vnc", `unix:${opt(paths.vnc)}`],
    // A guest panic (pvpanic) keeps the process in "guest-panicked": reported CRASHED, memory kept for debugging.
    ["-device", "pvpanic", "-action", "panic=pause"],
    ["-fw_cfg", `name=opt/zenith/hostname,string=${hostname}`],
    // The root disk's device comes first, so the guest names it vda: the local overlay, or the boot volume.
    domain.base === null
      ? []
      : [
          "-blockdev",
          json({
            driver: "qcow2",
            "node-name": "root",
            discard: "unmap",
            file: { driver: "file", filename: paths.disk },
          }),
          "-device",
          json({ driver: "virtio-blk-pci", id: "root", drive: "root", bootindex: 1 }),
        ],
    ...[...domain.volumes]
      .sort((a, b) => Number(b.bootIndex === 0) - Number(a.bootIndex === 0))
      .map((v) => volumeArgv(paths.dir, v)),
    ...domain.interfaces.map((vif) => [
      "-netdev",
      Object.entries(tapNetdev(vif))
        .map(([k, v]) =>
          k === "type" ? String(v) : `${k}=${opt(typeof v === "boolean" ? (v ? "on" : "off") : String(v))}`,
        )
        .join(","),
      "-device",
      json(nicDevice(vif)),
    ]),
    options.incoming ? ["-incoming", "defer"] : [],
  ];
  if (domain.boot.kind === "kernel") {
    argv.push(["-kernel", domain.boot.kernel]);
    if (domain.boot.ramdisk !== undefined) argv.push(["-initrd", domain.boot.ramdisk]);
    argv.push(["-append", `${domain.boot.commandLine} zenith.hostname=${hostname}`]);
  }
  return argv.flat();
}

/** Starts QEMU and resolves once it has daemonized; rejects with QEMU's own error. */
export async function launchQemu(binary: string, argv: string[], timeoutMs: number): Promise<void> {
  try {
    await execFileAsync(binary, argv, { timeout: timeoutMs, killSignal: "SIGKILL" });
  } catch (err) {
    const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim() : "";
    throw new Error(`QEMU did not start${stderr ? `: ${stderr}` : ""}`, { cause: err });
  }
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** /proc/<pid>/stat after the command name, which may itself contain spaces and parentheses. */
async function statFields(pid: number): Promise<string[] | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/**
 * A process as /proc identifies it for good: pids are reused, but not
 * together with the start time.
 */
export interface ProcessIdentity {
  pid: number;
  /** /proc/<pid>/stat field 22, in clock ticks since boot. */
  startTicks: string;
}

/** Alive means not yet a zombie: a zombie has closed its files, sockets and disk locks. */
async function aliveStartTicks(pid: number): Promise<string | undefined> {
  const fields = await statFields(pid);
  if (fields === undefined || fields[0] === "Z" || fields[0] === "X") return undefined;
  return fields[19];
}

/**
 * The identity of `pid` if it is alive and is the QEMU of `uuid` (pid files
 * outlive their process and pids get reused). Checked once when the driver
 * takes a process on; later checks compare the start time, because the
 * command line reads empty while a process is exiting yet still holds its files.
 */
export async function guestProcess(pid: number, uuid: string): Promise<ProcessIdentity | undefined> {
  const startTicks = await aliveStartTicks(pid);
  if (startTicks === undefined) return undefined;
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    const i = args.indexOf("-uuid");
    return i >= 0 && args[i + 1] === uuid ? { pid, startTicks } : undefined;
  } catch {
    return undefined;
  }
}

export async function isAlive(proc: ProcessIdentity): Promise<boolean> {
  return (await aliveStartTicks(proc.pid)) === proc.startTicks;
}

/** Polls until the process is gone (files closed); false if it is still there after `timeoutMs`. */
export async function waitForExit(proc: ProcessIdentity, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (await isAlive(proc)) {
    if (Date.now() > until) return false;
    await sleep(50);
  }
  return true;
}

/** SIGKILL, only while the pid still is that process. */
export async function killProcess(target: ProcessIdentity): Promise<void> {
  if (!(await isAlive(target))) return;
  try {
    process.kill(target.pid, "SIGKILL");
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "ESRCH")) throw err;
  }
}

export interface ProcessTimes {
  /** User + system CPU time of the whole process (all vCPU threads). */
  cpuMs: number;
  /** Seconds since the process started. */
  uptimeS: number;
}

export async function processTimes(pid: number): Promise<ProcessTimes | undefined> {
  const fields = await statFields(pid);
  if (fields === undefined) return undefined;
  // Fields counted from the state (field 3 in proc(5)): utime 14, stime 15, starttime 22.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const start = Number(fields[19]);
  const hostUptimeS = Number.parseFloat((await readFile("/proc/uptime", "utf8")).split(" ")[0] ?? "0");
  if (![utime, stime, start, hostUptimeS].every(Number.isFinite)) return undefined;
  // /proc counts in USER_HZ ticks (CLK_TCK).
  const hz = await clockTicksPerSecond();
  return {
    cpuMs: Math.round(((utime + stime) * 1000) / hz),
    uptimeS: Math.max(0, Math.floor(hostUptimeS - start / hz)),
  };
}
