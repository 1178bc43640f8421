/**
 * Exports on disk and their daemons: each export is a private folder
 * (`layout.ts`) holding what to serve, the PSK secret and the daemon's pid
 * file and QMP socket. The folder is the truth: a daemon is (re)started from
 * it and adopted by it after an agent restart.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { parseJson } from "@zenith/agent-runtime/json";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { attachmentIdSchema, type ExportInfo, volumeFormatSchema, volumeIdSchema } from "../schemas.ts";
import {
  type DaemonProcess,
  type DaemonSpec,
  daemonArgv,
  identifyDaemon,
  isAddressInUse,
  isAlive,
  launchDaemon,
  readPidFile,
  stopDaemon,
} from "./daemon.ts";
import { type ExportPaths, isMissing, type StorageLayout } from "./layout.ts";

/** `export.json`: everything needed to serve the export again, except the secret. */
export const exportRecordSchema = z.object({
  version: z.literal(1),
  attachmentId: attachmentIdSchema,
  volumeId: volumeIdSchema,
  format: volumeFormatSchema,
  readOnly: z.boolean(),
  bindAddress: z.string().min(1).max(255),
  /** What clients dial (may differ from the bind address behind NAT or on 0.0.0.0). */
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  exportName: z.string().min(1).max(255),
  tlsUsername: z.string().min(1).max(255),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

const keysLineSchema = z.string().regex(/^[^:\n]+:[0-9a-f]{64}$/);

export interface ExportEntry {
  record: ExportRecord;
  secret: string;
  paths: ExportPaths;
  /** The running daemon, once started or adopted. */
  proc: DaemonProcess | undefined;
}

export interface ExportManagerOptions {
  layout: StorageLayout;
  daemonBinary: string;
  volumePath: (volumeId: string, format: "qcow2" | "raw") => string;
  startTimeoutMs: number;
  stopGraceMs: number;
  logger: Logger;
}

async function writePrivate(path: string, body: string): Promise<void> {
  const handle = await open(path, "w", 0o600);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A TCP port free on `address` now (the kernel's choice); the daemon may still lose a race for it. */
async function freePort(address: string): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: address, port: 0, exclusive: true }, () => {
      const bound = server.address();
      const port = typeof bound === "object" && bound !== null ? bound.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}

const PORT_ATTEMPTS = 5;

export class ExportManager {
  private readonly entries = new Map<string, ExportEntry>();

  constructor(private readonly o: ExportManagerOptions) {}

  get(attachmentId: string): ExportEntry | undefined {
    return this.entries.get(attachmentId);
  }

  all(): ExportEntry[] {
    return [...this.entries.values()];
  }

  ofVolume(volumeId: string): ExportEntry[] {
    return this.all().filter((e) => e.record.volumeId === volumeId);
  }

  info(e: ExportEntry): ExportInfo {
    const { record } = e;
    return {
      attachmentId: record.attachmentId,
      volumeId: record.volumeId,
      readOnly: record.readOnly,
      host: record.host,
      port: record.port,
      exportName: record.exportName,
      tlsUsername: record.tlsUsername,
      secret: e.secret,
    };
  }

  /**
   * Reads every export folder, adopts daemons still running and starts the
   * others. Half-made folders (an agent that died while exporting) are
   * removed. An export that cannot be served (its volume gone) is logged and
   * kept, so `unexport` can still clean it up.
   */
  async load(): Promise<void> {
    await mkdir(this.o.layout.exportsDir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.o.layout.exportsDir)) {
      if (name.startsWith(".")) {
        await rm(`${this.o.layout.exportsDir}/${name}`, { recursive: true, force: true });
        continue;
      }
      if (!attachmentIdSchema.safeParse(name).success) continue;
      const entry = await this.readEntry(name);
      if (entry === undefined) continue;
      this.entries.set(name, entry);
      try {
        await this.ensureRunning(entry);
      } catch (err) {
        this.o.logger.error({ err, attachmentId: name }, "export could not be restarted");
      }
    }
  }

  private async readEntry(attachmentId: string): Promise<ExportEntry | undefined> {
    const paths = this.o.layout.exportPaths(attachmentId);
    try {
      const record = exportRecordSchema.safeParse(parseJson(await readFile(paths.record, "utf8")));
      const keys = keysLineSchema.safeParse((await readFile(paths.keys, "utf8")).trim());
      if (!record.success || !keys.success || record.data.attachmentId !== attachmentId) {
        this.o.logger.error({ attachmentId }, "export folder unreadable; leaving it for inspection");
        return undefined;
      }
      const secret = keys.data.slice(keys.data.lastIndexOf(":") + 1);
      return { record: record.data, secret, paths, proc: undefined };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /**
   * Creates the export's folder atomically (made aside, then renamed) and
   * starts its daemon. A failed start removes everything again.
   */
  async create(
    fields: Omit<ExportRecord, "version" | "port" | "exportName" | "tlsUsername">,
  ): Promise<ExportEntry> {
    const paths = this.o.layout.exportPaths(fields.attachmentId);
    const record: ExportRecord = {
      version: 1,
      ...fields,
      port: await freePort(fields.bindAddress),
      exportName: `volume-${fields.volumeId}`,
      tlsUsername: `attachment-${fields.attachmentId}`,
    };
    const secret = randomBytes(32).toString("hex");
    const aside = this.o.layout.exportAsideDir(fields.attachmentId);
    await mkdir(aside, { recursive: false, mode: 0o700 });
    try {
      await writePrivate(`${aside}/keys.psk`, `${record.tlsUsername}:${secret}\n`);
      await writePrivate(`${aside}/export.json`, JSON.stringify(record, null, 2));
      await rename(aside, paths.dir);
    } catch (err) {
      await rm(aside, { recursive: true, force: true });
      throw err;
    }
    const entry: ExportEntry = { record, secret, paths, proc: undefined };
    this.entries.set(record.attachmentId, entry);
    try {
      await this.ensureRunning(entry);
    } catch (err) {
      await this.remove(entry);
      throw err;
    }
    return entry;
  }

  /**
   * Makes sure the export's daemon runs: adopts the one named by the pid
   * file when /proc says it is ours, else starts a new one on the recorded
   * port (another free port if that one was taken meanwhile).
   */
  async ensureRunning(e: ExportEntry): Promise<void> {
    if (e.proc !== undefined && (await isAlive(e.proc))) return;
    e.proc = undefined;
    const pid = await readPidFile(e.paths.pid);
    const adopted = pid === undefined ? undefined : await identifyDaemon(pid, e.paths);
    if (adopted !== undefined) {
      e.proc = adopted;
      this.o.logger.info({ attachmentId: e.record.attachmentId, pid }, "export daemon adopted");
      return;
    }
    for (let attempt = 1; ; attempt++) {
      await rm(e.paths.qmp, { force: true });
      await rm(e.paths.pid, { force: true });
      try {
        await launchDaemon(
          this.o.daemonBinary,
          daemonArgv(this.spec(e.record), e.paths),
          this.o.startTimeoutMs,
        );
        break;
      } catch (err) {
        if (!isAddressInUse(err) || attempt >= PORT_ATTEMPTS) throw err;
        const port = await freePort(e.record.bindAddress);
        this.o.logger.warn(
          { attachmentId: e.record.attachmentId, old: e.record.port, port },
          "export port taken; moving",
        );
        e.record = { ...e.record, port };
        await writePrivate(`${e.paths.record}.tmp`, JSON.stringify(e.record, null, 2));
        await rename(`${e.paths.record}.tmp`, e.paths.record);
      }
    }
    const started = await readPidFile(e.paths.pid);
    const proc = started === undefined ? undefined : await identifyDaemon(started, e.paths);
    if (proc === undefined)
      throw new Error("qemu-storage-daemon started but its pid file names no live daemon");
    e.proc = proc;
    this.o.logger.info(
      {
        attachmentId: e.record.attachmentId,
        volumeId: e.record.volumeId,
        pid: proc.pid,
        port: e.record.port,
      },
      "export daemon started",
    );
  }

  /** Stops the daemon and removes the folder; the export is gone when this resolves. */
  async remove(e: ExportEntry): Promise<void> {
    const pid = e.proc?.pid ?? (await readPidFile(e.paths.pid));
    const proc = e.proc ?? (pid === undefined ? undefined : await identifyDaemon(pid, e.paths));
    if (proc !== undefined) await stopDaemon(proc, this.o.stopGraceMs);
    await rm(e.paths.dir, { recursive: true, force: true });
    this.entries.delete(e.record.attachmentId);
  }

  private spec(r: ExportRecord): DaemonSpec {
    return {
      volumePath: this.o.volumePath(r.volumeId, r.format),
      format: r.format,
      readOnly: r.readOnly,
      bindAddress: r.bindAddress,
      port: r.port,
      exportName: r.exportName,
      tlsUsername: r.tlsUsername,
    };
  }
}
