import type { Readable } from "node:stream";
import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import { authorizeImage } from "../../policy/image.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import type { ImageDeps } from "./deps.ts";
import { findVisibleImage, imageNotFound, viewerOf } from "./lookup.ts";
import { sizeQuotaExceeded } from "./quotas.ts";

export interface ImageDownload {
  stream: Readable;
  size: number;
  md5: string | null;
}

/**
 * Image bytes: upload moves queued → saving → active; a failed upload goes
 * back to queued so the client can simply retry.
 */
export class ImageDataService {
  constructor(private readonly deps: ImageDeps) {}

  /** The refusal for a known-too-large upload, before a byte is read. */
  checkDeclaredSize(length: number | undefined): void {
    if (length !== undefined && length > this.deps.maxUploadBytes) {
      throw new ZenithError(
        "PAYLOAD_TOO_LARGE",
        `Image exceeds the storage limit of ${this.deps.maxUploadBytes} bytes.`,
      );
    }
  }

  /** `declaredLength`: the request's Content-Length, refused up front when it cannot fit the quota. */
  async upload(ctx: AuthContext, id: string, body: Readable, declaredLength?: number): Promise<void> {
    const { prisma, store, logger, maxUploadBytes, quotas } = this.deps;
    authorizeImage(ctx, "get_image");
    const image = await findVisibleImage(prisma, viewerOf(ctx), id);
    authorizeImage(ctx, "upload_image", { ownerId: image.ownerId });
    if (image.diskFormat === null || image.containerFormat === null) {
      throw ZenithError.badRequest(
        "Properties disk_format, container_format must be set prior to saving data.",
      );
    }
    const owner = image.ownerId;
    // The conditional update is the lock: of two concurrent uploads only one moves queued → saving.
    const claim = async (tx: Prisma.TransactionClient): Promise<number> => {
      const room = owner === null ? Number.POSITIVE_INFINITY : await quotas.checkUpload(tx, owner);
      if (owner !== null && declaredLength !== undefined && declaredLength > room) {
        throw sizeQuotaExceeded(owner, (await quotas.limits(owner, tx)).image_size_total);
      }
      const claimed = await tx.image.updateMany({
        where: { id, status: "queued", deletedAt: null },
        data: { status: "saving" },
      });
      if (claimed.count === 0) {
        throw new ZenithError(
          "CONFLICT",
          `Image status transition from ${image.status} to saving is not allowed`,
        );
      }
      return room;
    };
    const room = owner === null ? await claim(prisma) : await quotas.locked(owner, claim);
    let stored: Awaited<ReturnType<typeof store.write>>;
    try {
      stored = await store.write(id, body, { maxBytes: Math.min(maxUploadBytes, room) });
    } catch (err) {
      await prisma.image.updateMany({ where: { id, status: "saving" }, data: { status: "queued" } });
      logger.info({ imageId: id, err }, "image upload failed; image is queued again");
      // Cut at the quota rather than at the upload limit: say which.
      if (owner !== null && room < maxUploadBytes && isZenithError(err) && err.code === "PAYLOAD_TOO_LARGE") {
        throw sizeQuotaExceeded(owner, (await quotas.limits(owner)).image_size_total);
      }
      throw err;
    }
    const done = await prisma.image.updateMany({
      where: { id, status: "saving", deletedAt: null },
      data: {
        status: "active",
        size: BigInt(stored.size),
        checksum: stored.md5,
        osHashAlgo: "sha512",
        osHashValue: stored.sha512,
      },
    });
    if (done.count === 0) {
      // Deleted while the bytes were arriving: do not leave them behind.
      await store.remove(id);
      throw imageNotFound(id);
    }
  }

  /**
   * At start, before serving: an upload the process died in left its image
   * `saving` and a temp file behind. Both are undone, so the image is
   * `queued` again and the client can simply upload once more.
   */
  async recoverInterruptedUploads(): Promise<{ requeued: number; tempFiles: number }> {
    const { prisma, store, logger } = this.deps;
    const tempFiles = await store.removeTemporaryFiles();
    const { count: requeued } = await prisma.image.updateMany({
      where: { status: "saving" },
      data: { status: "queued" },
    });
    if (requeued > 0 || tempFiles > 0) {
      logger.warn(
        { requeued, tempFiles },
        "uploads interrupted by a stop were undone; their images are queued",
      );
    }
    return { requeued, tempFiles };
  }

  /** The image's bytes, or null when it has none yet (Glance answers 204). */
  async download(ctx: AuthContext, id: string): Promise<ImageDownload | null> {
    const { prisma, store } = this.deps;
    authorizeImage(ctx, "get_image");
    const image = await findVisibleImage(prisma, viewerOf(ctx), id);
    authorizeImage(ctx, "download_image", { ownerId: image.ownerId });
    if (image.status !== "active" || image.size === null) return null;
    return { stream: store.read(id), size: Number(image.size), md5: image.checksum };
  }
}
