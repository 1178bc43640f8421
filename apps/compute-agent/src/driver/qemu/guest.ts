/**
 * One instance as the qemu driver sees it: its directory, its definition and,
 * while QEMU runs, the process with its QMP connection and serial console.
 * The mechanics of each transition live here; which transitions are allowed
 * (the contract) is decided by `driver.ts`.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { PowerState } from "../schemas.ts";
import type { DriverOperation } from "../types.ts";
import { connectUnix, SerialMux } from "./console.ts";
import type { DiskTools } from "./disks.ts";
import { type Domain, exists, type InstancePaths, writeDomain } from "./instance-dir.ts";
import { trimLog } from "./log-file.ts";
import type { Accelerator } from "./probe.ts";
import {
  guestProcess,
  killProcess,
  launchQemu,
  type ProcessIdentity,
  qemuArgv,
  readPidFile,
  waitForExit,
} from "./process.ts";
import { QmpClient, QmpCommandError } from "./qmp.ts";
import { powerStateOfStatus } from "./run-state.ts";
import { ensureTaps } from "./taps.ts";

const { NOSTATE, SHUTDOWN, SUSPENDED } = PowerState;

/** What every guest of a driver shares. */
export interface GuestContext {
  qemuBinary: string;
  accelerator: Accelerator;
  tools: DiskTools;
  log: Logger;
  /** Largest console log kept across restarts of the guest. */
  maxConsoleLogBytes: number;
}

/** A QMP command with its arguments. */
export interface QmpCall {
  command: string;
  args: Record<string, unknown>;
}

/** The host side of a hot-pluggable device: how QMP adds and removes it, one command after another. */
export interface Backend {
  add: QmpCall[];
  remove: QmpCall[];
}

/** A live QEMU process of this guest. */
interface Running {
  pid: number;
  process: ProcessIdentity;
  qmp: QmpClient;
  serial: SerialMux;
}

const statusSchema = z.object({ status: z.string() });
const migrationSchema = z.object({ status: z.string().optional(), "error-desc": z.string().optional() });

const QMP_CONNECT_MS = 5_000;
const LAUNCH_MS = 60_000;
/** How long a just-started QEMU may take to create its monitor socket. */
const MONITOR_APPEARS_MS = 5_000;
/** How long a process whose monitor refuses us may take to finish exiting. */
const EXITING_MS = 2_000;
/** How long `quit` may take before the process is killed. */
const QUIT_MS = 5_000;
/**
 * The ACPI power button is pressed again at this interval while waiting for
 * a clean shutdown (Nova re-sends it too): a press during firmware or early
 * boot, before the guest listens, is lost.
 */
const POWER_BUTTON_REPEAT_MS = 2_000;
/** Likewise a hot-unplug request before the guest's ACPI hotplug driver runs. */
const UNPLUG_REPEAT_MS = 2_000;

/**
 * Runs a backend's removal commands in order. `tolerateRefusal`: a command
 * QEMU refuses (the piece is already gone) does not stop the rest.
 */
async function removeBackend(qmp: QmpClient, backend: Backend, options: { tolerateRefusal: boolean }) {
  for (const call of backend.remove) {
    await qmp.execute(call.command, call.args).catch((err: unknown) => {
      if (!(options.tolerateRefusal && err instanceof QmpCommandError)) throw err;
    });
  }
}

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

export class Guest {
  domain: Domain;
  /** False until spawn finished: the instance shows NOSTATE. */
  spawned: boolean;
  /** The state-changing operation in flight, which excludes others. */
  busy: DriverOperation | undefined;
  private run: Running | undefined;
  private attaching: Promise<Running | undefined> | undefined;
  private readonly vncViewers = new Set<Socket>();
  private readonly log: Logger;
  /** Set while the driver itself ends the process, so an exit is not mistaken for the guest's own. */
  private stopping = false;
  private detaching = false;

  constructor(
    readonly ctx: GuestContext,
    readonly paths: InstancePaths,
    domain: Domain,
    spawned: boolean,
  ) {
    this.domain = domain;
    this.spawned = spawned;
    this.log = ctx.log.child({ instance: domain.uuid });
  }

  get uuid(): string {
    return this.domain.uuid;
  }

  /** Persists a new definition; it takes effect at the next start of QEMU. */
  async save(domain: Domain): Promise<void> {
    await writeDomain(this.paths, domain);
    this.domain = domain;
  }

  /** The running QEMU, connecting to it first if this driver has not yet (adoption after a restart). */
  async live(): Promise<Running | undefined> {
    if (this.run?.qmp.isOpen) return this.run;
    return this.attaching ?? this.track(this.attach());
  }

  /**
   * Makes `pending` the attach every `live()` waits for until it settles.
   * While `start()` launches QEMU this is the launch itself: QEMU writes its
   * pid file before it opens its monitor, so an attach of its own in that
   * gap would find a live process without a monitor.
   */
  private track(pending: Promise<Running | undefined>): Promise<Running | undefined> {
    // Readers of a failed start see no process; its caller gets the error.
    const shared = pending.catch(() => undefined);
    this.attaching = shared;
    void shared.then(() => {
      if (this.attaching === shared) this.attaching = undefined;
    });
    return pending;
  }

  private async attach(): Promise<Running | undefined> {
    const pid = await readPidFile(this.paths.pid);
    const identity = pid === undefined ? undefined : await guestProcess(pid, this.uuid);
    if (pid === undefined || identity === undefined) return undefined;
    let qmp: QmpClient;
    try {
      qmp = await this.connectMonitor();
    } catch (err) {
      // It may be exiting (its monitor goes first); otherwise the monitor is stuck or held by another client.
      if (await waitForExit(identity, EXITING_MS)) return undefined;
      throw new Error(`QEMU of ${this.uuid} (pid ${pid}) runs but its monitor does not answer`, {
        cause: err,
      });
    }
    const run: Running = { pid, process: identity, qmp, serial: new SerialMux(this.paths.serial) };
    qmp.once("close", () => this.onExit(run));
    this.run = run;
    return run;
  }

  /**
   * A QEMU another agent process launched may still be starting (pid file
   * written, monitor not yet listening): its socket is waited for a little
   * before the monitor counts as stuck.
   */
  private async connectMonitor(): Promise<QmpClient> {
    const until = Date.now() + MONITOR_APPEARS_MS;
    for (;;) {
      try {
        return await QmpClient.connect(this.paths.qmp, QMP_CONNECT_MS);
      } catch (err) {
        if ((await exists(this.paths.qmp)) || Date.now() > until) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** The QMP connection closed: QEMU exited (or `detach()` closed it). */
  private onExit(run: Running): void {
    if (this.run !== run) return;
    this.run = undefined;
    run.serial.close();
    for (const viewer of this.vncViewers) viewer.end();
    this.vncViewers.clear();
    if (this.stopping || this.detaching) this.log.debug({ pid: run.pid }, "QEMU monitor connection closed");
    // Not asked by the driver: the guest powered itself off or QEMU died. The next getInfo reports it (drift).
    else this.log.info({ pid: run.pid }, "QEMU exited on its own (guest powered off, or QEMU died)");
  }

  /** Drops the driver's connections; the guest keeps running. */
  detach(): void {
    const run = this.run;
    if (!run) return;
    this.detaching = true;
    try {
      this.onExit(run);
    } finally {
      this.detaching = false;
    }
    run.qmp.close();
  }

  async powerState(): Promise<PowerState> {
    return (await this.runState()).powerState;
  }

  /** The power state and, while QEMU runs, its own run state (`internal-error`, …), which says why. */
  async runState(): Promise<{ powerState: PowerState; runState?: string }> {
    if (!this.spawned) return { powerState: NOSTATE };
    const run = await this.live();
    if (run) {
      const status = await this.status(run);
      if (status !== undefined) return { powerState: powerStateOfStatus(status), runState: status };
    }
    return { powerState: (await exists(this.paths.memory)) ? SUSPENDED : SHUTDOWN };
  }

  /** The QMP run state, or undefined when the process exited meanwhile. */
  private async status(run: Running): Promise<string | undefined> {
    try {
      return statusSchema.parse(await run.qmp.execute("query-status")).status;
    } catch (err) {
      if (!run.qmp.isOpen) return undefined;
      throw err;
    }
  }

  /** The pid of the running QEMU, for /proc counters. */
  async pid(): Promise<number | undefined> {
    return (await this.live())?.pid;
  }

  /** Starts QEMU from the definition (optionally waiting for a saved memory image). */
  async start(options: { incoming?: boolean } = {}): Promise<Running> {
    await trimLog(this.paths.consoleLog, this.ctx.maxConsoleLogBytes);
    // The socket folder is under the temp dir, which a host reboot may have emptied.
    await mkdir(this.paths.sockets, { recursive: true, mode: 0o700 });
    // QEMU opens the taps by name: they must exist (a host reboot removes them too).
    await ensureTaps(this.domain.interfaces);
    const argv = qemuArgv(this.domain, this.paths, {
      accelerator: this.ctx.accelerator,
      incoming: options.incoming === true,
    });
    const run = await this.track(launchQemu(this.ctx.qemuBinary, argv, LAUNCH_MS).then(() => this.attach()));
    if (!run) throw new Error("QEMU exited right after it started");
    this.log.info({ pid: run.pid, accelerator: this.ctx.accelerator }, "QEMU started");
    return run;
  }

  /**
   * Clean shutdown first (ACPI power button, repeated) for up to `timeoutS`,
   * then forced. A paused guest is continued so it can see the button.
   */
  async shutdown(timeoutS: number): Promise<void> {
    return this.ending(() => this.shutdownNow(timeoutS));
  }

  /** Forced off: QMP `quit` (QEMU flushes and closes disks), SIGKILL if that does not end it. */
  async hardStop(): Promise<void> {
    return this.ending(() => this.hardStopNow());
  }

  private async ending(stop: () => Promise<void>): Promise<void> {
    const outer = this.stopping;
    this.stopping = true;
    try {
      await stop();
    } finally {
      this.stopping = outer;
    }
  }

  private async shutdownNow(timeoutS: number): Promise<void> {
    const run = await this.live();
    if (!run) return;
    // A monitor that does not answer gets no clean shutdown: it is forced below.
    const status = await this.status(run).catch(() => undefined);
    if (timeoutS > 0 && (status === "running" || status === "paused")) {
      if (status === "paused") await run.qmp.execute("cont");
      const until = Date.now() + timeoutS * 1000;
      while (Date.now() < until) {
        await run.qmp.execute("system_powerdown").catch(() => {});
        const left = until - Date.now();
        if (await this.waitExit(run, Math.min(POWER_BUTTON_REPEAT_MS, Math.max(0, left)))) return;
      }
      this.log.info({ timeoutS }, "guest did not shut down on ACPI power button; forcing it off");
    }
    await this.hardStopNow();
  }

  private async hardStopNow(): Promise<void> {
    let run: Running | undefined;
    try {
      run = await this.live();
    } catch (err) {
      // A QEMU whose monitor does not answer cannot be asked to quit: kill it by its verified pid.
      this.log.warn({ err }, "QEMU monitor unreachable; killing the process");
      await this.killByPidFile();
      return;
    }
    if (!run) return;
    await run.qmp.execute("quit", undefined, QUIT_MS).catch(() => {});
    if (await this.waitExit(run, QUIT_MS)) return;
    this.log.warn({ pid: run.pid }, "QEMU did not quit; killing it");
    await killProcess(run.process);
    if (!(await waitForExit(run.process, QUIT_MS))) {
      throw new Error(`QEMU of ${this.uuid} (pid ${run.pid}) survived SIGKILL`);
    }
    this.onExit(run);
  }

  private async killByPidFile(): Promise<void> {
    const pid = await readPidFile(this.paths.pid);
    const identity = pid === undefined ? undefined : await guestProcess(pid, this.uuid);
    if (identity === undefined) return;
    await killProcess(identity);
    if (!(await waitForExit(identity, QUIT_MS))) {
      throw new Error(`QEMU of ${this.uuid} (pid ${identity.pid}) survived SIGKILL`);
    }
  }

  /** True once the process is gone (monitor closed and pid gone, so its disk locks are released too). */
  private async waitExit(run: Running, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const closed = await Promise.race([run.qmp.closed.then(() => true), timeout]);
    clearTimeout(timer);
    if (!closed) return false;
    return waitForExit(run.process, Math.max(QUIT_MS, until - Date.now()));
  }

  async pause(): Promise<void> {
    await (await this.require()).qmp.execute("stop");
  }

  async unpause(): Promise<void> {
    await (await this.require()).qmp.execute("cont");
  }

  /**
   * Suspend: stop the vCPUs, stream memory and device state to
   * `memory.state` (QEMU's migration format, through `exec:` since 7.2 has no
   * `file:` migration), then quit. The file gets its final name only when
   * complete, so its existence always means a resumable guest.
   */
  async saveMemory(): Promise<void> {
    const run = await this.require();
    const wasRunning = (await this.status(run)) === "running";
    await rm(this.paths.memoryPart, { force: true });
    // The default bandwidth cap (32 MiB/s) is for live migration over a network, not a local file.
    await run.qmp.execute("migrate-set-parameters", { "max-bandwidth": 2 ** 40 });
    await run.qmp.execute("stop");
    try {
      await run.qmp.execute("migrate", { uri: `exec:cat > ${shellQuote(this.paths.memoryPart)}` });
      await this.waitForMigration(run);
      await rename(this.paths.memoryPart, this.paths.memory);
    } catch (err) {
      await rm(this.paths.memoryPart, { force: true });
      if (wasRunning) await run.qmp.execute("cont").catch(() => {});
      throw err;
    }
    await this.hardStop();
  }

  /**
   * Resume: a new QEMU waits for the saved stream (`-incoming defer`), loads
   * it, and continues. The file is deleted before the guest runs again, so a
   * running guest never has a stale memory image next to it.
   */
  async restoreMemory(): Promise<void> {
    const run = await this.start({ incoming: true });
    try {
      await run.qmp.execute("migrate-incoming", { uri: `exec:cat ${shellQuote(this.paths.memory)}` });
      await this.waitForMigration(run);
      // Loaded; QEMU leaves "inmigrate" just after the migration reports completion.
      while ((await this.status(run)) === "inmigrate") await sleep(50);
      await rm(this.paths.memory, { force: true });
      await run.qmp.execute("cont");
    } catch (err) {
      await this.hardStop().catch(() => {});
      throw err;
    }
  }

  /**
   * At adoption, a live QEMU next to `memory.state` is a suspend (complete
   * stream, not yet quit) or a resume (not yet loaded) cut short. Neither
   * has run guest code since the stream was written, so quitting it leaves
   * the saved guest intact; a running one (never expected) wins over the file.
   */
  async settleInterruptedSuspend(): Promise<void> {
    const run = await this.live();
    if (!run) return;
    if ((await this.status(run)) === "running") {
      this.log.warn("running guest next to a saved memory image; discarding the image");
      await rm(this.paths.memory, { force: true });
      return;
    }
    this.log.warn("suspend or resume was interrupted; keeping the guest suspended");
    await this.hardStop();
  }

  private async waitForMigration(run: Running): Promise<void> {
    for (;;) {
      const state = migrationSchema.parse(await run.qmp.execute("query-migrate"));
      if (state.status === "completed") return;
      if (state.status === "failed" || state.status === "cancelled") {
        throw new Error(
          `saving or loading the guest's memory failed: ${state["error-desc"] ?? state.status}`,
        );
      }
      await sleep(100);
    }
  }

  /**
   * A consistent standalone qcow2 copy of the root disk (backing chain
   * flattened). A running guest is paused for the copy: QMP `stop` drains
   * and flushes every disk, so the file is consistent while the vCPUs wait.
   */
  async copyDisk(dest: string): Promise<void> {
    const run = await this.live();
    const resume = run !== undefined && (await this.status(run)) === "running";
    if (resume) await run.qmp.execute("stop");
    try {
      await this.ctx.tools.convert(this.paths.disk, "qcow2", dest, "qcow2", run !== undefined);
    } finally {
      if (resume) await run.qmp.execute("cont");
    }
  }

  /**
   * Hot-plug: the backend (disk node, tap), then the guest device; the
   * backend goes again if the device fails. A device already there (an
   * earlier attach cut off before it was recorded) is left as it is; a
   * backend without its device (cut off in between) is replaced.
   */
  async plug(backend: Backend, device: Record<string, unknown>): Promise<void> {
    const run = await this.require();
    const id = typeof device.id === "string" ? device.id : undefined;
    if (id !== undefined && !(await this.deviceGone(run, id))) return;
    await removeBackend(run.qmp, backend, { tolerateRefusal: true });
    try {
      for (const call of backend.add) await run.qmp.execute(call.command, call.args);
      await run.qmp.execute("device_add", device);
    } catch (err) {
      await removeBackend(run.qmp, backend, { tolerateRefusal: true }).catch(() => {});
      throw err;
    }
  }

  /** The QMP answer to `command` while QEMU runs; undefined when it does not run. */
  async query(command: string, args?: Record<string, unknown>): Promise<unknown> {
    const run = await this.live();
    if (!run) return undefined;
    return run.qmp.execute(command, args);
  }

  /**
   * Hot-unplug: the guest must release the device (ACPI PCI hotplug), so the
   * request is repeated until QEMU reports DEVICE_DELETED or `timeoutMs`
   * passes (Nova's libvirt driver retries the same way); then the backend goes.
   */
  async unplug(id: string, backend: Backend, timeoutMs: number): Promise<void> {
    const run = await this.require();
    const deleted = run.qmp.waitForEvent("DEVICE_DELETED", timeoutMs, (e) => e.data?.device === id);
    deleted.catch(() => {}); // raced below; a DeviceNotFound answer makes it moot
    const until = Date.now() + timeoutMs;
    let gone = false;
    /** No such device: an earlier unplug (cut off before it was recorded) may have removed the backend too. */
    let absent = false;
    while (!gone && Date.now() < until) {
      try {
        await run.qmp.execute("device_del", { id });
      } catch (err) {
        if (err instanceof QmpCommandError && err.errorClass === "DeviceNotFound") {
          absent = true;
          break;
        }
        // Any other refusal (e.g. a request still pending in the guest): keep waiting for the event.
        if (!(err instanceof QmpCommandError)) throw err;
      }
      const wait = Math.min(UNPLUG_REPEAT_MS, Math.max(0, until - Date.now()));
      gone = await Promise.race([
        deleted.then(
          () => true,
          () => false,
        ),
        sleep(wait).then(() => false),
      ]);
    }
    if (!gone && !(await this.deviceGone(run, id))) {
      throw new Error(`the guest did not release device ${id} within ${Math.round(timeoutMs / 1000)} s`);
    }
    await removeBackend(run.qmp, backend, { tolerateRefusal: absent });
  }

  private async deviceGone(run: Running, id: string): Promise<boolean> {
    try {
      await run.qmp.execute("qom-get", { path: `/machine/peripheral/${id}`, property: "type" });
      return false;
    } catch (err) {
      if (err instanceof QmpCommandError) return true;
      throw err;
    }
  }

  async connectSerial() {
    return (await this.require()).serial.connect();
  }

  async connectVnc(): Promise<Socket> {
    await this.require();
    const socket = await connectUnix(this.paths.vnc);
    this.vncViewers.add(socket);
    socket.once("close", () => this.vncViewers.delete(socket));
    return socket;
  }

  private async require(): Promise<Running> {
    const run = await this.live();
    if (!run) throw new Error(`QEMU of ${this.uuid} is not running`);
    return run;
  }
}
