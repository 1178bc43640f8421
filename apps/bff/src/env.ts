import { parseEnv, secretEnv } from "@zenith/core/env";
import { z } from "zod";

export const ZBffEnv = z.object({
  ZENITH_KEYSTONE_URL: z.url().default("http://localhost:5000/identity/v3"),
  /** The same secret next-auth uses; at least 32 bytes. */
  AUTH_SECRET: secretEnv("AUTH_SECRET"),
  BFF_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  BFF_HOST: z.string().min(1).default("127.0.0.1"),
  BFF_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type BffEnv = z.infer<typeof ZBffEnv>;

/** Parsed once at start by main.ts; nothing else reads `process.env`. */
export function loadEnv(source?: Record<string, string | undefined>): BffEnv {
  return parseEnv(ZBffEnv, source);
}
