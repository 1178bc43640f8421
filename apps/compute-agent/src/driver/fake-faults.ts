/**
 * Fault injection for `FakeDriver`. A fault sees every operation before it
 * takes effect and may fail it or hold it; faults compose by listing several
 * (`new FakeDriver({ faults: [failTimes("spawn", 2), hangOn("reboot")] })`).
 */
import { DriverError, type DriverErrorCode } from "./errors.ts";
import type { DriverOperation } from "./types.ts";

export interface FaultContext {
  op: DriverOperation;
  /** The instance the call names, if any. */
  uuid: string | undefined;
}

export interface Fault {
  /** Runs after the call's checks and before its effect: throw to fail it, stay pending to hold it. */
  intercept(ctx: FaultContext): void | Promise<void>;
}

export interface FailOptions {
  /** Only calls naming this instance. */
  uuid?: string;
  /** Default: `SpawnFailed` for spawn, `OperationFailed` otherwise, i.e. what a real hypervisor error maps to. */
  code?: DriverErrorCode;
  message?: string;
}

function matches(op: DriverOperation, uuid: string | undefined, ctx: FaultContext): boolean {
  return ctx.op === op && (uuid === undefined || ctx.uuid === uuid);
}

/** Fails the first `times` matching calls, then lets them through (a spawn that fails once: `failTimes("spawn", 1)`). */
export function failTimes(op: DriverOperation, times: number, options: FailOptions = {}): Fault {
  let remaining = times;
  return {
    intercept(ctx) {
      if (remaining <= 0 || !matches(op, options.uuid, ctx)) return;
      remaining -= 1;
      const code = options.code ?? (op === "spawn" ? "SpawnFailed" : "OperationFailed");
      throw new DriverError(
        code,
        options.message ?? `injected ${op} failure`,
        ctx.uuid ? { uuid: ctx.uuid } : {},
      );
    },
  };
}

/** Fails every matching call with `message`. */
export function failOn(
  op: DriverOperation,
  message: string,
  options: Omit<FailOptions, "message"> = {},
): Fault {
  return failTimes(op, Number.POSITIVE_INFINITY, { ...options, message });
}

export interface HangFault extends Fault {
  /** Resolves when the first matching call is being held, so tests wait for a state, not a sleep. */
  readonly reached: Promise<void>;
  /** How many calls are held now. */
  readonly held: number;
  /** Lets held calls continue normally and disarms the fault. */
  release(): void;
}

/** Holds matching calls (never settling, unless the driver's deadline passes) until `release()`. */
export function hangOn(op: DriverOperation, options: { uuid?: string } = {}): HangFault {
  const waiters: Array<() => void> = [];
  let released = false;
  let signalReached: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    signalReached = resolve;
  });
  return {
    reached,
    get held() {
      return waiters.length;
    },
    release() {
      released = true;
      for (const wake of waiters.splice(0)) wake();
    },
    intercept(ctx) {
      if (released || !matches(op, options.uuid, ctx)) return;
      signalReached();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
