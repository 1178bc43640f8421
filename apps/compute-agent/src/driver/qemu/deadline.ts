/** Deadlines and error mapping shared by every qemu driver call. */
import { DriverError, type DriverErrorCode, isDriverError } from "../errors.ts";
import type { DriverOperation } from "../types.ts";

/**
 * Settles with `work` or rejects with `Timeout` after `deadlineMs`. The work
 * itself goes on (a QEMU being started cannot be un-started half way);
 * `onTimeout` lets the caller decide what a late finish means.
 */
export async function withDeadline<T>(
  op: DriverOperation,
  uuid: string | undefined,
  deadlineMs: number,
  work: Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(
        new DriverError(
          "Timeout",
          `${op} did not finish within ${deadlineMs} ms`,
          uuid === undefined ? {} : { uuid },
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // A late rejection of abandoned work must not become an unhandled rejection.
    work.catch(() => {});
  }
}

/** Hypervisor failures (QMP errors, qemu-img, fs) become `code` with the cause kept for the log. */
export function asDriverError(
  err: unknown,
  code: DriverErrorCode,
  op: DriverOperation,
  uuid: string | undefined,
): DriverError {
  if (isDriverError(err)) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new DriverError(code, `${op} failed: ${detail}`, {
    ...(uuid === undefined ? {} : { uuid }),
    cause: err,
  });
}
