/**
 * Registers the built-in guest `zenith-tiny` (built by
 * scripts/tiny-image/build.sh) as OpenStack does a kernel-booted image: an
 * AKI kernel, an ARI ramdisk and an AMI root disk pointing at both, public,
 * marked `hypervisor_type=qemu` so the scheduler sends it to QEMU hosts only.
 * Once per build: a build already registered (or deleted by an admin) is
 * left alone; a newer build takes the name and the old one is renamed.
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { z } from "zod";
import type { ImageStore } from "./store.ts";

export const TINY_IMAGE_NAME = "zenith-tiny";

const ZFile = z.object({
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.int().positive(),
  diskFormat: z.enum(["aki", "ari", "ami"]),
  containerFormat: z.enum(["aki", "ari", "ami"]),
});
export const ZTinyManifest = z.object({
  recipeVersion: z.int().positive(),
  name: z.literal(TINY_IMAGE_NAME),
  kernelVersion: z.string(),
  files: z.object({ kernel: ZFile, ramdisk: ZFile, disk: ZFile }),
  commandLine: z.string(),
});
export type TinyManifest = z.infer<typeof ZTinyManifest>;

export async function readTinyManifest(dir: string): Promise<TinyManifest> {
  return ZTinyManifest.parse(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
}

/** The id of the `zenith-tiny` image of this build, registering it first when new. */
export async function registerTinyImage(
  prisma: PrismaClient,
  store: ImageStore,
  ownerId: string,
  dir: string,
  log: Logger,
): Promise<string | null> {
  const manifest = await readTinyManifest(dir);
  const build = manifest.files.disk.sha256.slice(0, 16);
  const settingKey = `bootstrap.tiny_image.${build}`;
  const seen = await prisma.setting.findUnique({ where: { key: settingKey } });
  if (seen) return seen.value;

  const upload = async (name: string, file: z.infer<typeof ZFile>, properties: Record<string, string>) => {
    const id = randomUUID();
    const written = await store.write(id, createReadStream(join(dir, file.file)));
    await prisma.image.create({
      data: {
        id,
        name,
        status: "active",
        visibility: "public",
        ownerId,
        diskFormat: file.diskFormat,
        containerFormat: file.containerFormat,
        size: BigInt(written.size),
        virtualSize: BigInt(written.size),
        checksum: written.md5,
        osHashAlgo: "sha512",
        osHashValue: written.sha512,
        properties: { zenith_tiny_build: build, ...properties },
      },
    });
    return id;
  };
  const kernelId = await upload(`${TINY_IMAGE_NAME}-kernel`, manifest.files.kernel, {
    description: `Linux ${manifest.kernelVersion} for ${TINY_IMAGE_NAME}`,
  });
  const ramdiskId = await upload(`${TINY_IMAGE_NAME}-initrd`, manifest.files.ramdisk, {
    description: `busybox initramfs for ${TINY_IMAGE_NAME}`,
  });
  // One `zenith-tiny` at a time, so `--image zenith-tiny` stays unambiguous.
  await prisma.image.updateMany({
    where: { name: TINY_IMAGE_NAME, deletedAt: null },
    data: { name: `${TINY_IMAGE_NAME}-old` },
  });
  const id = await upload(TINY_IMAGE_NAME, manifest.files.disk, {
    kernel_id: kernelId,
    ramdisk_id: ramdiskId,
    hypervisor_type: "qemu",
    os_command_line: manifest.commandLine,
    description: "A tiny Linux guest: a shell on the serial console in seconds (QEMU hosts)",
  });
  await prisma.setting.create({ data: { key: settingKey, value: id } });
  log.info({ imageId: id, kernelId, ramdiskId, build }, "registered the zenith-tiny image");
  return id;
}
