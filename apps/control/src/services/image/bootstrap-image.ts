import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ImageStore } from "./store.ts";

/** Set once the starter image was seeded: an image an admin deletes later must stay deleted. */
const SEEDED_KEY = "bootstrap.image_seeded";
export const STARTER_IMAGE_NAME = "zenith-starter";
/** A 1 MiB empty raw disk: enough for the `fake` compute driver, which never boots it. */
const STARTER_IMAGE_BYTES = 1024 * 1024;

/**
 * Seeds one public image on a cloud's first start so that a new user can
 * launch an instance at once from the portal or the CLI. Runs once per
 * database and never touches existing images.
 */
export async function seedStarterImage(
  prisma: PrismaClient,
  store: ImageStore,
  ownerId: string,
  log: Logger,
): Promise<boolean> {
  if (await prisma.setting.findUnique({ where: { key: SEEDED_KEY } })) return false;
  const id = randomUUID();
  const written = await store.write(id, Readable.from([Buffer.alloc(STARTER_IMAGE_BYTES)]));
  await prisma.image.create({
    data: {
      id,
      name: STARTER_IMAGE_NAME,
      status: "active",
      visibility: "public",
      ownerId,
      diskFormat: "raw",
      containerFormat: "bare",
      size: BigInt(written.size),
      virtualSize: BigInt(written.size),
      checksum: written.md5,
      osHashAlgo: "sha512",
      osHashValue: written.sha512,
      // Only fake hosts take it: a QEMU host would boot an empty disk.
      properties: { description: "Empty 1 MiB disk for the fake compute driver", hypervisor_type: "fake" },
    },
  });
  await prisma.setting.create({ data: { key: SEEDED_KEY, value: id } });
  log.info({ imageId: id }, "seeded the starter image");
  return true;
}
