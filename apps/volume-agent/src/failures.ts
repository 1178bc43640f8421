/**
 * What failed to converge, by desired generation (records
 * `failure:<kind>:<id>` in the agent's state, so they outlive a restart).
 * A failure blocks another attempt at its generation; a new generation is
 * a new request. The resync lifts the block once for failures whose cause
 * may pass (see `isRetryable`), so nothing is retried in a hot loop.
 */
import type { Logger } from "@zenith/core/logger";
import type { DesiredIndex } from "./desired-index.ts";
import { type AgentRecord, type ErrorKind, type FailureRecord, failureKey } from "./records.ts";
import { isRetryable } from "./transfers.ts";

/** The protocol's bound on a message. */
export const MAX_MESSAGE = 1024;

export const errorText = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).slice(0, MAX_MESSAGE);

export class Failures {
  /** Failure keys the resync allows one more attempt at the same generation. */
  private readonly retryDue = new Set<string>();

  /** `records` is the agent's state map: failures live there beside the other records. */
  constructor(private readonly records: Map<string, AgentRecord>) {}

  get(kind: ErrorKind, id: string): FailureRecord | undefined {
    const r = this.records.get(failureKey(kind, id));
    return r?.kind === "failure" ? r : undefined;
  }

  has(kind: ErrorKind, id: string): boolean {
    return this.get(kind, id) !== undefined;
  }

  /** Whether `kind:id` failed at this generation and may not be tried again yet (consumes a resync's allowance). */
  blocked(kind: ErrorKind, id: string, generation: number): boolean {
    const r = this.get(kind, id);
    if (r === undefined || r.generation !== generation) return false;
    return !this.retryDue.delete(failureKey(kind, id));
  }

  record(kind: ErrorKind, id: string, generation: number, err: unknown, log: Logger): void {
    const key = failureKey(kind, id);
    const message = errorText(err);
    const previous = this.get(kind, id);
    // Logged once per distinct failure, not on every pass that meets it again.
    if (previous?.message !== message || previous.generation !== generation) {
      log.warn({ err, kind, id, generation }, `${kind} failed`);
    }
    this.retryDue.delete(key);
    this.records.set(key, {
      kind: "failure",
      errorKind: kind,
      id,
      generation,
      message,
      retryable: isRetryable(err),
    });
  }

  /** True when there was a failure to clear. */
  clear(kind: ErrorKind, id: string): boolean {
    const key = failureKey(kind, id);
    this.retryDue.delete(key);
    return this.records.delete(key);
  }

  /** The resync: every failure whose cause may pass gets one more attempt. */
  allowRetries(): void {
    for (const [key, r] of this.records) if (r.kind === "failure" && r.retryable) this.retryDue.add(key);
  }

  /** Forgets failures of what is no longer desired (or tombstoned, for deletes). */
  prune(desired: DesiredIndex): void {
    for (const [key, r] of this.records) {
      if (r.kind === "failure" && !stillRelevant(r, desired)) {
        this.records.delete(key);
        this.retryDue.delete(key);
      }
    }
  }
}

function stillRelevant(r: FailureRecord, desired: DesiredIndex): boolean {
  switch (r.errorKind) {
    case "volume":
      return desired.volumes.has(r.id);
    case "snapshot":
      return desired.snapshots.has(r.id);
    case "export":
      return desired.exports.has(r.id);
    case "delete":
      return desired.deletedVolumes.has(r.id) || desired.snapshotDeleted(r.id);
  }
}
