import { type ErrorCode, ZenithError } from "@zenith/core/errors";
import { z } from "zod";

export const driverErrorCodeSchema = z.enum([
  /** No instance with that uuid on this host. */
  "InstanceNotFound",
  /** `spawn` of a uuid the host already has (including one still spawning). */
  "InstanceExists",
  /** The instance is not in a state the operation starts from, or another operation on it is in flight. */
  "InvalidState",
  /** The request itself is wrong (bad spec, shrinking disk, unsupported disk format). */
  "InvalidRequest",
  /** Spawn failed; nothing of the instance is left on the host. */
  "SpawnFailed",
  /** The hypervisor failed an operation other than spawn; `getInfo` tells the state now. */
  "OperationFailed",
  /** The driver's deadline for the operation passed; it may still complete, so re-read the state. */
  "Timeout",
  /** The driver declares the feature unsupported in `capabilities`. */
  "Unsupported",
]);
export type DriverErrorCode = z.infer<typeof driverErrorCodeSchema>;

/** How a driver error travels in an agent message. */
export const driverErrorPayloadSchema = z.object({
  code: driverErrorCodeSchema,
  message: z.string(),
  uuid: z.uuid().optional(),
});
export type DriverErrorPayload = z.infer<typeof driverErrorPayloadSchema>;

// How the control plane surfaces a driver failure through its one error type.
const zenithCodes: Record<DriverErrorCode, ErrorCode> = {
  InstanceNotFound: "NOT_FOUND",
  InstanceExists: "CONFLICT",
  InvalidState: "CONFLICT",
  InvalidRequest: "BAD_REQUEST",
  SpawnFailed: "INTERNAL",
  OperationFailed: "INTERNAL",
  Timeout: "SERVICE_UNAVAILABLE",
  Unsupported: "NOT_IMPLEMENTED",
};

/** The one error every driver throws; anything else escaping a driver is a driver bug. */
export class DriverError extends Error {
  readonly code: DriverErrorCode;
  readonly uuid: string | undefined;

  constructor(code: DriverErrorCode, message: string, options: { uuid?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DriverError";
    this.code = code;
    this.uuid = options.uuid;
  }

  toPayload(): DriverErrorPayload {
    return this.uuid === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, uuid: this.uuid };
  }

  static fromPayload(payload: DriverErrorPayload): DriverError {
    return new DriverError(
      payload.code,
      payload.message,
      payload.uuid === undefined ? {} : { uuid: payload.uuid },
    );
  }

  toZenithError(): ZenithError {
    return new ZenithError(zenithCodes[this.code], this.message, { cause: this });
  }
}

export function isDriverError(err: unknown, code?: DriverErrorCode): err is DriverError {
  return err instanceof DriverError && (code === undefined || err.code === code);
}
