import { type ErrorCode, ZenithError } from "@zenith/core/errors";
import { z } from "zod";

export const volumeDriverErrorCodeSchema = z.enum([
  /** No volume, snapshot or export with that id on this host. */
  "NotFound",
  /** Creating an id that exists already (the existing one is untouched). */
  "AlreadyExists",
  /** Not possible in the current state (exported volume, another export of it, another operation in flight). */
  "InvalidState",
  /** The request itself is wrong (shrinking size, bad source format, raw volume snapshot). */
  "InvalidRequest",
  /** The storage folder has not enough free space for the operation. */
  "NoSpace",
  /** qemu-img, qemu-storage-daemon or the file system failed; the state is re-readable with list calls. */
  "OperationFailed",
  /** The driver's deadline passed; the operation may still complete, so re-read the state. */
  "Timeout",
]);
export type VolumeDriverErrorCode = z.infer<typeof volumeDriverErrorCodeSchema>;

/** How a driver error travels in an agent message. */
export const volumeDriverErrorPayloadSchema = z.object({
  code: volumeDriverErrorCodeSchema,
  message: z.string().max(4096),
});
export type VolumeDriverErrorPayload = z.infer<typeof volumeDriverErrorPayloadSchema>;

// How the control plane surfaces a driver failure through its one error type.
const zenithCodes: Record<VolumeDriverErrorCode, ErrorCode> = {
  NotFound: "NOT_FOUND",
  AlreadyExists: "CONFLICT",
  InvalidState: "CONFLICT",
  InvalidRequest: "BAD_REQUEST",
  NoSpace: "OVER_LIMIT",
  OperationFailed: "INTERNAL",
  Timeout: "SERVICE_UNAVAILABLE",
};

/** The one error every volume driver throws; anything else escaping a driver is a driver bug. */
export class VolumeDriverError extends Error {
  readonly code: VolumeDriverErrorCode;

  constructor(code: VolumeDriverErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "VolumeDriverError";
    this.code = code;
  }

  toPayload(): VolumeDriverErrorPayload {
    return { code: this.code, message: this.message.slice(0, 4096) };
  }

  static fromPayload(payload: VolumeDriverErrorPayload): VolumeDriverError {
    return new VolumeDriverError(payload.code, payload.message);
  }

  toZenithError(): ZenithError {
    return new ZenithError(zenithCodes[this.code], this.message, { cause: this });
  }
}

export function isVolumeDriverError(err: unknown, code?: VolumeDriverErrorCode): err is VolumeDriverError {
  return err instanceof VolumeDriverError && (code === undefined || err.code === code);
}

/** Any failure from a tool or the file system becomes `OperationFailed` (cause kept for the log). */
export function asVolumeDriverError(err: unknown, what: string): VolumeDriverError {
  if (isVolumeDriverError(err)) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && "code" in err && err.code === "ENOSPC") {
    return new VolumeDriverError("NoSpace", `${what}: no space left in the storage folder`, { cause: err });
  }
  return new VolumeDriverError("OperationFailed", `${what} failed: ${detail}`, { cause: err });
}
