/**
 * One instance on disk: `<stateDir>/instances/<uuid>/`. The directory is the
 * instance: it exists from the first moment of a spawn until destroy, so a
 * restarted agent finds every guest (running or not) and every interrupted
 * spawn by listing `instances/`. `domain.json` is the definition QEMU is
 * started from; everything else is derived or runtime state.
 */

import { createHash } from "node:crypto";
import { open, readdir, readFile, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseJson } from "@zenith/agent-runtime/json";
import { z } from "zod";
import { flavorSchema, imageRefSchema, networkInterfaceSchema } from "../schemas.ts";
import { volumeDefinitionSchema } from "./volumes.ts";

export type { VolumeDefinition } from "./volumes.ts";

/**
 * A NIC in the definition: the port plus the PCI slot it was given. Slots
 * are fixed (not left to QEMU's first-free choice) so a restarted QEMU has
 * every NIC where the running one had it, whatever was hot-plugged or
 * unplugged meanwhile: a suspended guest's saved device state only loads
 * into the same layout, and the guest keeps its NIC order. NICs use slots
 * 0x10–0x1f; QEMU's automatic choice for disks starts at the low end.
 */
export const nicDefinitionSchema = networkInterfaceSchema.extend({
  slot: z.int().min(0x10).max(0x1f).optional(),
});
export type NicDefinition = z.infer<typeof nicDefinitionSchema>;
export const FIRST_NIC_SLOT = 0x10;
export const LAST_NIC_SLOT = 0x1f;

/** The lowest NIC slot none of `taken` uses, or undefined when all are. */
export function freeNicSlot(taken: readonly NicDefinition[]): number | undefined {
  const used = new Set(taken.map((n) => n.slot));
  for (let slot = FIRST_NIC_SLOT; slot <= LAST_NIC_SLOT; slot++) if (!used.has(slot)) return slot;
  return undefined;
}

export const baseFormatSchema = z.enum(["raw", "qcow2"]);
export type BaseFormat = z.infer<typeof baseFormatSchema>;

export const bootSchema = z.discriminatedUnion("kind", [
  /** Firmware boots the root disk. */
  z.object({ kind: z.literal("disk") }),
  /** Direct kernel boot (AMI with AKI/ARI), as Nova's libvirt driver does for `kernel_id`/`ramdisk_id`. */
  z.object({
    kind: z.literal("kernel"),
    kernel: z.string().min(1),
    ramdisk: z.string().min(1).optional(),
    commandLine: z.string(),
  }),
]);
export type Boot = z.infer<typeof bootSchema>;

export const domainSchema = z.object({
  version: z.literal(1),
  uuid: z.uuid(),
  name: z.string(),
  flavor: flavorSchema,
  /** Null when booted from a volume without an image (the image only lends a kernel otherwise). */
  image: imageRefSchema.nullable(),
  /** The cached, immutable base the root overlay sits on; null when the root disk is a volume (no overlay). */
  base: z.object({ path: z.string().min(1), format: baseFormatSchema }).nullable(),
  boot: bootSchema,
  /** Attached volumes, in the order they go on the command line (a boot volume first). */
  volumes: z.array(volumeDefinitionSchema),
  interfaces: z.array(nicDefinitionSchema),
  /** While a resize awaits confirm/revert: the flavor to revert to (its disk is `disk.pre-resize.qcow2`). */
  preResize: z.object({ flavor: flavorSchema }).optional(),
});
export type Domain = z.infer<typeof domainSchema>;

export interface InstancePaths {
  dir: string;
  /** Where the guest's unix sockets live (see `socketRoot`). */
  sockets: string;
  domain: string;
  /** Written when spawn finished; a directory without it is an interrupted spawn (NOSTATE). */
  spawned: string;
  disk: string;
  /** The root overlay before a pending resize, restored by revertResize. */
  diskPreResize: string;
  /** A rebuild's new overlay until it replaces `disk`. */
  diskRebuild: string;
  /** The overlay a rebuild replaced, until the rebuilt guest started. */
  diskPreRebuild: string;
  qmp: string;
  serial: string;
  vnc: string;
  consoleLog: string;
  pid: string;
  /** A suspended guest's memory (QEMU migration stream); its existence means SUSPENDED. */
  memory: string;
  /** The memory stream while it is written; renamed to `memory` only once complete. */
  memoryPart: string;
}

/** Linux's `sun_path` holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH = 107;

/**
 * Unix sockets cannot live under a deep data folder (`sun_path` is 108
 * bytes), so each state dir gets a short folder of its own under the
 * system temp dir, named by a hash of the state dir: the same after an
 * agent restart, different for two agents on one machine.
 */
export function socketRoot(stateDir: string): string {
  return join(tmpdir(), `zenith-qemu-${createHash("sha256").update(stateDir).digest("hex").slice(0, 12)}`);
}

export function instancesDir(stateDir: string): string {
  return join(stateDir, "instances");
}

export function instancePaths(stateDir: string, uuid: string): InstancePaths {
  const dir = join(instancesDir(stateDir), uuid);
  const sockets = join(socketRoot(stateDir), uuid);
  const at = (name: string) => join(dir, name);
  const socket = (name: string) => join(sockets, name);
  return {
    dir,
    sockets,
    domain: at("domain.json"),
    spawned: at("spawned"),
    disk: at("disk.qcow2"),
    diskPreResize: at("disk.pre-resize.qcow2"),
    diskRebuild: at("disk.rebuild.qcow2"),
    diskPreRebuild: at("disk.pre-rebuild.qcow2"),
    qmp: socket("qmp.sock"),
    serial: socket("serial.sock"),
    vnc: socket("vnc.sock"),
    consoleLog: at("serial.log"),
    pid: at("qemu.pid"),
    memory: at("memory.state"),
    memoryPart: at("memory.state.part"),
  };
}

/** Uuids with a directory under `instances/`, whatever their state. */
export async function listInstanceDirs(stateDir: string): Promise<string[]> {
  try {
    const entries = await readdir(instancesDir(stateDir), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && z.uuid().safeParse(e.name).success).map((e) => e.name);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/** The definition, or undefined when it was never written (a spawn interrupted early) or is unreadable. */
export async function readDomain(paths: InstancePaths): Promise<Domain | undefined> {
  let text: string;
  try {
    text = await readFile(paths.domain, "utf8");
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
  const parsed = domainSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

/** Atomic (temp, fsync, rename): a crash leaves the old or the new definition, never half of one. */
export async function writeDomain(paths: InstancePaths, domain: Domain): Promise<void> {
  await writeFileAtomic(paths.domain, JSON.stringify(domainSchema.parse(domain), null, 2));
}

export async function writeFileAtomic(path: string, body: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

export function isMissing(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}
