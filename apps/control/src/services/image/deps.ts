import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ImageQuotas } from "./quotas.ts";
import type { ImageStore } from "./store.ts";

/** What every image service gets. */
export interface ImageDeps {
  prisma: PrismaClient;
  logger: Logger;
  store: ImageStore;
  /** Uploads larger than this are refused with 413. */
  maxUploadBytes: number;
  quotas: ImageQuotas;
}
