/**
 * The volume agent's environment, parsed once at start (nothing else reads
 * `process.env`).
 */
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { ZMeteringEnv } from "@zenith/agent-runtime/agent-metering";
import { ZAgentRuntimeEnv } from "@zenith/agent-runtime/env";
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();
const address = z.string().min(1).max(255);

export const ZVolumeAgentEnv = ZAgentRuntimeEnv.extend({
  /** The host this agent serves volumes from; it enrols (or shares the credential) under this name. */
  ZENITH_VOLUME_HOST: z
    .string()
    .min(1)
    .max(240)
    .default(() => hostname()),
  /**
   * `file`: qcow2/raw files exported by qemu-storage-daemon; `fake`: in
   * memory (gone when the process ends); `auto`: file when qemu-img and
   * qemu-storage-daemon really run here, else fake with a warning.
   */
  ZENITH_VOLUME_DRIVER: z.enum(["file", "fake", "auto"]).default("auto"),
  /** The storage folder. Default `<ZENITH_DATA_DIR>/volumes/<host>`. */
  ZENITH_VOLUME_DIR: z.string().min(1).max(4096).optional(),
  /** Where compute hosts dial this host's NBD exports. */
  ZENITH_VOLUME_EXPORT_ADDRESS: address.default("127.0.0.1"),
  /** Where export daemons listen. Default: the export address (set 0.0.0.0 behind NAT). */
  ZENITH_VOLUME_BIND_ADDRESS: address.optional(),
  /** Cinder availability zone of this host. */
  ZENITH_VOLUME_AZ: z.string().min(1).max(255).default("nova"),
  /** How often everything is re-checked (an export killed by hand comes back; transient failures retried). */
  ZENITH_VOLUME_RESYNC_S: positiveInt.max(86_400).default(60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // ZENITH_METERING_INTERVAL_MS: how often volumes and the storage are sampled.
  ...ZMeteringEnv.shape,
});
export type VolumeAgentEnv = z.infer<typeof ZVolumeAgentEnv>;

/** The storage folder of `host`: explicit, else `<data>/volumes/<host>`. */
export function storageDirOf(env: VolumeAgentEnv): string {
  return resolve(env.ZENITH_VOLUME_DIR ?? join(env.ZENITH_DATA_DIR, "volumes", env.ZENITH_VOLUME_HOST));
}
