/**
 * Operations that replace or copy a guest's root disk: rebuild, resize with
 * confirm/revert, snapshot. Each keeps the old disk and definition until the
 * new ones work, and puts them back when a step fails.
 */
import { randomUUID } from "node:crypto";
import { copyFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { DriverError } from "../errors.ts";
import {
  type Flavor,
  type FlavorInput,
  flavorSchema,
  imageRefSchema,
  type SnapshotResult,
} from "../schemas.ts";
import type { ImageSource, SnapshotSink } from "../types.ts";
import { GiB, streamFile } from "./disks.ts";
import type { Guest } from "./guest.ts";
import type { Domain } from "./instance-dir.ts";
import { prepareImage, type SpawnDeps } from "./spawn.ts";

export function parseFlavor(flavor: FlavorInput, uuid: string): Flavor {
  const parsed = flavorSchema.safeParse(flavor);
  if (!parsed.success) {
    throw new DriverError("InvalidRequest", `invalid flavor: ${parsed.error.message}`, { uuid });
  }
  return parsed.data;
}

/** Discards a suspended guest's saved memory (hard reboot starts it afresh). */
export async function dropMemory(g: Guest): Promise<void> {
  await rm(g.paths.memory, { force: true });
  await rm(g.paths.memoryPart, { force: true });
}

/**
 * Undoes a failed step: QEMU off, the old disk and definition back, the old
 * guest started again if it ran. Best effort: the first error is what the
 * caller reports.
 */
async function restore(g: Guest, disk: string, old: Domain, restart: boolean): Promise<void> {
  await g.hardStop().catch(() => {});
  await rename(disk, g.paths.disk);
  await g.save(old);
  if (restart) await g.start().catch(() => {});
}

/** A new overlay on the new image; the old overlay stays until the rebuilt guest has started. */
export async function rebuild(
  g: Guest,
  deps: SpawnDeps,
  image: ImageSource,
  staysShutdown: boolean,
  powerOffTimeoutS: number,
): Promise<void> {
  const { paths } = g;
  const { base, boot } = await prepareImage(deps, image);
  await rm(paths.diskRebuild, { force: true });
  await deps.ctx.tools.createOverlay(paths.diskRebuild, base, g.domain.flavor.rootGb * GiB);
  await g.shutdown(powerOffTimeoutS);
  const old = g.domain;
  await rename(paths.disk, paths.diskPreRebuild);
  await rename(paths.diskRebuild, paths.disk);
  try {
    await g.save({ ...old, image: imageRefSchema.parse(image), base, boot });
    if (!staysShutdown) await g.start();
  } catch (err) {
    await restore(g, paths.diskPreRebuild, old, !staysShutdown);
    throw err;
  }
  await rm(paths.diskPreRebuild, { force: true });
}

/**
 * New vCPUs and RAM need a new QEMU process, so a running guest is shut down
 * (cleanly, as Nova does) and started again. The overlay is copied first
 * (it holds only the guest's changes) so revert gets the disk back as it was.
 */
export async function resize(g: Guest, flavor: Flavor, wasRunning: boolean, powerOffTimeoutS: number) {
  const old = g.domain;
  if (flavor.rootGb < old.flavor.rootGb) {
    throw new DriverError(
      "InvalidRequest",
      `root disk cannot shrink from ${old.flavor.rootGb} GB to ${flavor.rootGb} GB`,
      { uuid: g.uuid },
    );
  }
  if (wasRunning) await g.shutdown(powerOffTimeoutS);
  await copyFile(g.paths.disk, g.paths.diskPreResize);
  try {
    await g.ctx.tools.grow(g.paths.disk, flavor.rootGb * GiB);
    await g.save({ ...old, flavor, preResize: { flavor: old.flavor } });
    if (wasRunning) await g.start();
  } catch (err) {
    await restore(g, g.paths.diskPreResize, old, wasRunning);
    throw err;
  }
}

export async function confirmResize(g: Guest): Promise<void> {
  const { preResize, ...rest } = g.domain;
  if (preResize === undefined) return;
  await g.save(rest);
  await rm(g.paths.diskPreResize, { force: true });
}

export async function revertResize(g: Guest, wasRunning: boolean, powerOffTimeoutS: number): Promise<void> {
  const { preResize, ...rest } = g.domain;
  if (preResize === undefined) return;
  if (wasRunning) await g.shutdown(powerOffTimeoutS);
  await rename(g.paths.diskPreResize, g.paths.disk);
  await g.save({ ...rest, flavor: preResize.flavor });
  if (wasRunning) await g.start();
}

/**
 * The root disk flattened into one qcow2 (bootable on its own, as a Glance
 * image must be), written aside and then renamed or streamed.
 */
export async function snapshot(g: Guest, sink: SnapshotSink): Promise<SnapshotResult> {
  const tmp =
    sink.kind === "path"
      ? `${sink.path}.${randomUUID().slice(0, 8)}.part`
      : join(g.paths.dir, `snapshot-${randomUUID().slice(0, 8)}.qcow2`);
  try {
    await g.copyDisk(tmp);
    const { size } = await stat(tmp);
    if (sink.kind === "path") await rename(tmp, sink.path);
    else await streamFile(tmp, sink.stream);
    return { sizeBytes: size, diskFormat: "qcow2" };
  } catch (err) {
    if (sink.kind === "path") await rm(sink.path, { force: true });
    else if (!sink.stream.destroyed) sink.stream.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}
