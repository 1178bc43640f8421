import { join } from "node:path";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { DEFAULT_MAX_UPLOAD_BYTES } from "./attributes.ts";
import { ImageDataService } from "./image-data.ts";
import { ImageMetadataService } from "./image-metadata.ts";
import { ImageService } from "./images.ts";
import { ImageMemberService } from "./members.ts";
import { ImageQuotas } from "./quotas.ts";
import { ImageStore } from "./store.ts";

/** Every image service, wired once per control-plane instance. */
export interface ImageServices {
  store: ImageStore;
  images: ImageService;
  data: ImageDataService;
  members: ImageMemberService;
  quotas: ImageQuotas;
  /** Nova's image-metadata proxy over `images`. */
  metadata: ImageMetadataService;
}

export function createImageServices(opts: {
  prisma: PrismaClient;
  logger: Logger;
  /** Image bytes go to `<imageDir>`; by convention `<dataDir>/images`. */
  imageDir: string;
  maxUploadBytes?: number | undefined;
}): ImageServices {
  const store = new ImageStore(opts.imageDir);
  const deps = {
    prisma: opts.prisma,
    logger: opts.logger,
    store,
    maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    quotas: new ImageQuotas(opts.prisma),
  };
  const images = new ImageService(deps);
  return {
    store,
    quotas: deps.quotas,
    images,
    data: new ImageDataService(deps),
    members: new ImageMemberService(deps),
    metadata: new ImageMetadataService(images),
  };
}

/** The conventional location of image bytes inside the data directory. */
export function imageDirOf(dataDir: string): string {
  return join(dataDir, "images");
}
