import { isOpenStackError } from "@zenith/api-client/http";
import { type ErrorCode, isZenithError, ZenithError } from "@zenith/core/errors";
import { say } from "../messages.ts";

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  501: "NOT_IMPLEMENTED",
  503: "SERVICE_UNAVAILABLE",
  504: "SERVICE_UNAVAILABLE",
};

/**
 * The one place an upstream OpenStack error becomes a ZenithError. The
 * upstream message is kept (Keystone, Nova and Glance write them for users:
 * "Could not find project: x", "Quota exceeded for cores"), except for 5xx,
 * which may leak internals.
 */
export function toZenithError(err: unknown): ZenithError | null {
  if (isZenithError(err)) return err;
  if (!isOpenStackError(err)) return null;
  const code = STATUS_TO_CODE[err.status];
  if (!code) return new ZenithError("INTERNAL", say("cloud.failed"), { cause: err });
  // 5xx and 401 get the BFF's own (keyed) words; the rest keep the cloud's.
  const message =
    code === "SERVICE_UNAVAILABLE"
      ? say("cloud.unavailable")
      : code === "UNAUTHORIZED"
        ? say("auth.sessionExpired")
        : err.message;
  return new ZenithError(code, message, { cause: err });
}
