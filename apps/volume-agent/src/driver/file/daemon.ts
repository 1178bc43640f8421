/**
 * One `qemu-storage-daemon` per export: its command line, launch, identity
 * in /proc, and stop. The daemon is started with `--daemonize`: the parent
 * exits once the NBD server listens (its exit status and stderr tell whether
 * the start worked), and the daemon is no child of the agent, so exports
 * outlive an agent restart.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { VolumeDriverError } from "../errors.ts";
import type { ExportPaths } from "./layout.ts";
import { isMissing } from "./layout.ts";

const execFileAsync = promisify(execFile);

/** What one daemon serves (everything but the secret, which lives in `keys.psk`). */
export interface DaemonSpec {
  volumePath: string;
  format: "qcow2" | "raw";
  readOnly: boolean;
  bindAddress: string;
  port: number;
  exportName: string;
  tlsUsername: string;
}

/** The block node the export serves; QMP commands (block_resize, snapshots) name it. */
export const VOLUME_NODE = "vol";
export const EXPORT_ID = "exp";

/** Commas separate QEMU's `key=value` options; a literal comma is written twice. */
const opt = (value: string) => value.replaceAll(",", ",,");

export function exportAddArgs(spec: Pick<DaemonSpec, "exportName" | "readOnly">): Record<string, unknown> {
  return {
    type: "nbd",
    id: EXPORT_ID,
    "node-name": VOLUME_NODE,
    name: spec.exportName,
    writable: !spec.readOnly,
  };
}

export function daemonArgv(spec: DaemonSpec, paths: ExportPaths): string[] {
  const json = (o: Record<string, unknown>) => JSON.stringify(o);
  return [
    ["--daemonize", "--pidfile", paths.pid],
    [
      "--blockdev",
      json({
        driver: spec.format,
        "node-name": VOLUME_NODE,
        "read-only": spec.readOnly,
        file: { driver: "file", filename: spec.volumePath },
      }),
    ],
    // The server reads `<dir>/keys.psk`; authz lets only this export's username through even if the file grew.
    ["--object", json({ "qom-type": "tls-creds-psk", id: "tls0", endpoint: "server", dir: paths.dir })],
    ["--object", json({ "qom-type": "authz-simple", id: "authz0", identity: spec.tlsUsername })],
    [
      "--nbd-server",
      `addr.type=inet,addr.host=${opt(spec.bindAddress)},addr.port=${spec.port},tls-creds=tls0,tls-authz=authz0`,
    ],
    ["--export", json(exportAddArgs(spec))],
    ["--chardev", `socket,id=mon0,path=${opt(paths.qmp)},server=on,wait=off`],
    ["--monitor", "chardev=mon0"],
  ].flat();
}

/** Starts the daemon; resolves once it has daemonized, rejects with its own error text. */
export async function launchDaemon(binary: string, argv: string[], timeoutMs: number): Promise<void> {
  try {
    await execFileAsync(binary, argv, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1024 * 1024 });
  } catch (err) {
    if (err instanceof Error && "killed" in err && err.killed === true) {
      throw new VolumeDriverError("Timeout", `qemu-storage-daemon did not start within ${timeoutMs} ms`, {
        cause: err,
      });
    }
    const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim().slice(0, 2000) : "";
    throw new Error(`qemu-storage-daemon did not start${stderr ? `: ${stderr}` : ""}`, { cause: err });
  }
}

export function isAddressInUse(err: unknown): boolean {
  return err instanceof Error && /address already in use/i.test(err.message);
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

/** A process as /proc identifies it for good: pids are reused, but not together with the start time. */
export interface DaemonProcess {
  pid: number;
  startTicks: string;
}

/** /proc/<pid>/stat field 22 (start time) while the process is alive and not a zombie. */
async function aliveStartTicks(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

/**
 * The process `pid` if it is alive and is the export daemon of `paths`: a
 * qemu-storage-daemon whose command line names this export's pid file
 * (pid files outlive their process and pids get reused).
 */
export async function identifyDaemon(pid: number, paths: ExportPaths): Promise<DaemonProcess | undefined> {
  const startTicks = await aliveStartTicks(pid);
  if (startTicks === undefined) return undefined;
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    const i = args.indexOf("--pidfile");
    const ours = basename(args[0] ?? "") === "qemu-storage-daemon" && i >= 0 && args[i + 1] === paths.pid;
    return ours ? { pid, startTicks } : undefined;
  } catch {
    return undefined;
  }
}

export async function isAlive(proc: DaemonProcess): Promise<boolean> {
  return (await aliveStartTicks(proc.pid)) === proc.startTicks;
}

function signal(proc: DaemonProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(proc.pid, sig);
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "ESRCH")) throw err;
  }
}

/** SIGTERM (the daemon closes its exports cleanly), SIGKILL after `graceMs`; resolves once it is gone. */
export async function stopDaemon(proc: DaemonProcess, graceMs: number): Promise<void> {
  if (!(await isAlive(proc))) return;
  signal(proc, "SIGTERM");
  const until = Date.now() + graceMs;
  while (await isAlive(proc)) {
    if (Date.now() > until) {
      signal(proc, "SIGKILL");
      break;
    }
    await sleep(20);
  }
  while (await isAlive(proc)) await sleep(20);
}
