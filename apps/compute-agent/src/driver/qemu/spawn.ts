/**
 * How guests come to exist and go away: spawn (image bases, instance
 * directory, root overlay, first start), destroy, and adoption of what a
 * previous agent process left on the host.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@zenith/core/logger";
import { nextDevice } from "../devices.ts";
import { DriverError } from "../errors.ts";
import { bootVolumeOf, type InstanceSpec, imageRefSchema, type VolumeConnection } from "../schemas.ts";
import type { ImageSource } from "../types.ts";
import { type BaseCache, baseFormatOf, GiB } from "./disks.ts";
import { Guest, type GuestContext } from "./guest.ts";
import {
  type Boot,
  type Domain,
  domainSchema,
  exists,
  FIRST_NIC_SLOT,
  type InstancePaths,
  instancePaths,
  instancesDir,
  readDomain,
  writeFileAtomic,
} from "./instance-dir.ts";
import { ensureTaps, removeTaps } from "./taps.ts";
import { definitionOf, type VolumeDefinition, writeKeys } from "./volumes.ts";

export interface SpawnDeps {
  stateDir: string;
  ctx: GuestContext;
  bases: BaseCache;
  kernelCommandLine: string;
}

/** Images this driver cannot boot are refused up front (`InvalidRequest`), before anything is created. */
export function checkImage(image: ImageSource, uuid: string): void {
  const invalid = (message: string) => new DriverError("InvalidRequest", message, { uuid });
  const ref = imageRefSchema.safeParse(image);
  if (!ref.success) throw invalid(`invalid image: ${ref.error.message}`);
  const { diskFormat, kernelId, ramdiskId } = ref.data;
  if (baseFormatOf(diskFormat) === undefined) {
    throw invalid(`the qemu driver cannot boot ${diskFormat} images (qcow2, raw, ami, vdi, vhd, vhdx)`);
  }
  if (diskFormat === "ami" && kernelId === undefined) {
    throw invalid("an ami image holds no boot loader: it needs a kernel image (kernel_id)");
  }
  if (kernelId !== undefined && image.kernel === undefined)
    throw invalid("image has kernel_id but no kernel data");
  if (ramdiskId !== undefined && image.ramdisk === undefined) {
    throw invalid("image has ramdisk_id but no ramdisk data");
  }
}

const diskBoot: Boot = { kind: "disk" };

function invalid(uuid: string, message: string): never {
  throw new DriverError("InvalidRequest", message, { uuid });
}

/** The image's base (and kernel/ramdisk) in the host cache, and how the guest boots from them. */
export async function prepareImage(
  deps: SpawnDeps,
  image: ImageSource,
): Promise<{ base: NonNullable<Domain["base"]>; boot: Boot }> {
  const base = await deps.bases.disk(image.id, image.diskFormat, image.data);
  return { base, boot: await prepareKernel(deps, image) };
}

/**
 * How the guest boots: firmware from the first disk, or the image's kernel
 * and ramdisk (an AMI's AKI/ARI, also lent to a boot volume made from one).
 */
async function prepareKernel(deps: SpawnDeps, image: ImageSource): Promise<Boot> {
  if (image.kernelId === undefined || image.kernel === undefined) return diskBoot;
  const kernel = await deps.bases.file(image.kernelId, image.kernel);
  const ramdisk =
    image.ramdiskId !== undefined && image.ramdisk !== undefined
      ? await deps.bases.file(image.ramdiskId, image.ramdisk)
      : undefined;
  const commandLine = image.commandLine ?? deps.kernelCommandLine;
  return { kind: "kernel", kernel, ramdisk, commandLine };
}

/**
 * The spawn's volumes as the definition keeps them, with their devices: the
 * boot volume is vda, data volumes follow in the order given.
 */
function volumeDefinitions(volumes: readonly VolumeConnection[]): VolumeDefinition[] {
  const defs: VolumeDefinition[] = [];
  const boot = bootVolumeOf(volumes);
  if (boot !== undefined) defs.push(definitionOf(boot, "/dev/vda"));
  for (const v of volumes) {
    if (v === boot) continue;
    defs.push(definitionOf(v, nextDevice(["/dev/vda", ...defs.map((d) => d.device)])));
  }
  return defs;
}

/**
 * Builds and starts a new guest. The instance directory appears atomically
 * with its definition (made aside, then renamed), so every directory under
 * `instances/` has a readable `domain.json`; the `spawned` marker comes last.
 * On failure everything created here is removed again.
 */
export async function buildGuest(
  deps: SpawnDeps,
  spec: InstanceSpec,
  image: ImageSource | null,
): Promise<Guest> {
  const bootVolume = bootVolumeOf(spec.volumes);
  const { base, boot } =
    bootVolume !== undefined
      ? { base: null, boot: image === null ? diskBoot : await prepareKernel(deps, image) }
      : image === null
        ? // instanceSpecSchema refuses this; kept as a guard so a caller bypassing it gets a clear error.
          invalid(spec.uuid, "an instance without an image needs a boot volume")
        : await prepareImage(deps, image);
  const domain: Domain = {
    version: 1,
    uuid: spec.uuid,
    name: spec.name,
    flavor: spec.flavor,
    image: image === null ? null : imageRefSchema.parse(image),
    base,
    boot,
    volumes: volumeDefinitions(spec.volumes),
    interfaces: spec.networkInterfaces.map((vif, i) => ({ ...vif, slot: FIRST_NIC_SLOT + i })),
  };
  const paths = instancePaths(deps.stateDir, spec.uuid);
  const aside = join(instancesDir(deps.stateDir), `.${spec.uuid}.${randomUUID().slice(0, 8)}`);
  await mkdir(aside, { recursive: true, mode: 0o700 });
  try {
    await writeFileAtomic(join(aside, "domain.json"), JSON.stringify(domainSchema.parse(domain), null, 2));
    await rename(aside, paths.dir);
  } catch (err) {
    await rm(aside, { recursive: true, force: true });
    if (await exists(paths.dir)) {
      throw new DriverError("InstanceExists", `a directory for instance ${spec.uuid} already exists`, {
        uuid: spec.uuid,
        cause: err,
      });
    }
    throw err;
  }
  const g = new Guest(deps.ctx, paths, domain, false);
  try {
    for (const v of spec.volumes) await writeKeys(paths.dir, v);
    if (base !== null) await deps.ctx.tools.createOverlay(paths.disk, base, spec.flavor.rootGb * GiB);
    await g.start();
    await writeFile(paths.spawned, "");
    g.spawned = true;
    return g;
  } catch (err) {
    await destroyGuest(g).catch(() => {});
    throw err;
  }
}

/** Stops QEMU at once and removes the instance's taps and directory (disks, log, sockets). */
export async function destroyGuest(g: Guest): Promise<void> {
  await g.hardStop();
  g.detach();
  // Before the directory: its definition is the record of which taps are ours.
  await removeTaps(g.domain.interfaces);
  await rm(g.paths.dir, { recursive: true, force: true });
  await rm(g.paths.sockets, { recursive: true, force: true });
}

/**
 * A guest found on disk at `init()`: its definition, and a connection to
 * its QEMU if one runs. A suspend or resume cut short by an agent crash is
 * settled so that `memory.state` and a live process never coexist.
 */
export async function adoptGuest(
  stateDir: string,
  ctx: GuestContext,
  uuid: string,
  log: Logger,
): Promise<Guest | undefined> {
  const paths = instancePaths(stateDir, uuid);
  const domain = await readDomain(paths);
  if (!domain || domain.uuid !== uuid) {
    // Never written by a complete spawn step and never removed: leave it for an operator, do not guess.
    log.error(
      { instance: uuid, dir: paths.dir },
      "instance directory without a valid domain.json; ignoring it",
    );
    return undefined;
  }
  await settleInterruptedRebuild(paths, log.child({ instance: uuid }));
  const g = new Guest(ctx, paths, domain, await exists(paths.spawned));
  // A host reboot took the taps of guests that are not running: they exist whenever the NIC does.
  await ensureTaps(domain.interfaces).catch((err: unknown) =>
    log.warn({ instance: uuid, err }, "cannot recreate the guest's tap devices; retrying at its next start"),
  );
  try {
    const run = await g.live();
    if (run && (await exists(paths.memory))) await g.settleInterruptedSuspend();
    if (run) log.info({ instance: uuid, pid: run.pid }, "adopted running guest");
  } catch (err) {
    log.warn({ instance: uuid, err }, "cannot reach the guest's QEMU monitor; retrying on next use");
  }
  return g;
}

/**
 * A rebuild cut short between moving the old root disk aside and putting the
 * new one in place leaves no `disk.qcow2`: the old one goes back (the
 * rebuild is reported failed and can be repeated). A new overlay never
 * swapped in is dropped.
 */
async function settleInterruptedRebuild(paths: InstancePaths, log: Logger): Promise<void> {
  if (!(await exists(paths.disk)) && (await exists(paths.diskPreRebuild))) {
    log.warn("rebuild was interrupted; restoring the previous root disk");
    await rename(paths.diskPreRebuild, paths.disk);
  }
  await rm(paths.diskRebuild, { force: true });
}

/** Removes what interrupted spawns and imports left outside instance directories. */
export async function cleanLeftovers(stateDir: string): Promise<void> {
  const sweep = async (dir: string, match: (name: string) => boolean) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter(match).map((n) => rm(join(dir, n), { recursive: true, force: true })));
  };
  await sweep(instancesDir(stateDir), (n) => n.startsWith("."));
  await sweep(join(stateDir, "_base"), (n) => n.endsWith(".part") || n.includes(".part."));
}
