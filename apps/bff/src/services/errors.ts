import { isOpenStackError } from "@zenith/api-client/http";
import { type ErrorCode, isZenithError, ZenithError } from "@zenith/core/errors";

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
  if (!code) return new ZenithError("INTERNAL", "The cloud service failed.", { cause: err });
  const message =
    code === "SERVICE_UNAVAILABLE"
      ? "The cloud service is unavailable. Try again shortly."
      : code === "UNAUTHORIZED"
        ? "Your session has expired. Please log in again."
        : err.message;
  return new ZenithError(code, message, { cause: err });
}
