import type { ChangeBatch, ChangeCursor, ChangesClient } from "@zenith/api-client/zenith";
import type { Logger } from "@zenith/core/logger";
import { sleep as pause } from "../../abortable-sleep.ts";
import { toZenithError } from "../../errors.ts";
import { changeKeyOf, type TopologyView } from "./view.ts";

/** How long each long poll waits for a change (under the service's cap of 25 s). */
const WAIT_S = 20;
/** Pause after a failed poll before trying again (the watch polls on its own meanwhile). */
const RETRY_MS = 5_000;

/** Whether a batch concerns the view: a reset always does, else a change in its project or a shared one. */
export function concerns(batch: ChangeBatch, view: TopologyView): boolean {
  if (batch.reset) return true;
  const project = changeKeyOf(view);
  return batch.changes.some(
    (c) => project === undefined || c.project_id === null || c.project_id === project,
  );
}

export interface FollowHooks {
  /** Something the view shows changed: re-read now. */
  changed(): void;
  /** Whether notices are flowing: while not, the watch falls back to its short poll. */
  healthy(up: boolean): void;
  log: Logger;
}

/**
 * Follows the control plane's change notices until `signal` aborts. Resolves
 * once the current cursor is known (so the caller's first read cannot miss
 * a change made in between) and goes on in the background: long polls, and
 * `changed` for every batch that concerns the view. After a failure it pauses
 * and tries again (the watch polls on its own meanwhile); an expired token
 * stops it (the watch's own read reports that).
 */
export async function followChanges(
  client: ChangesClient,
  view: TopologyView,
  hooks: FollowHooks,
  signal: AbortSignal,
): Promise<void> {
  let cursor: ChangeCursor = { epoch: undefined, after: 0 };
  /** One poll; "stop" ends the loop, "retry" pauses first. */
  const poll = async (waitS: number): Promise<"ok" | "retry" | "stop"> => {
    try {
      const batch = await client.wait(cursor, waitS, signal);
      // A reset on the very first call only hands out the cursor.
      if (cursor.epoch !== undefined && concerns(batch, view)) hooks.changed();
      cursor = { epoch: batch.epoch, after: batch.latest };
      hooks.healthy(true);
      return "ok";
    } catch (err) {
      if (signal.aborted) return "stop";
      hooks.healthy(false);
      if (toZenithError(err)?.code === "UNAUTHORIZED") return "stop";
      hooks.log.warn({ err }, "topology change notices failed; polling until they come back");
      return "retry";
    }
  };
  let state = await poll(0);
  void (async () => {
    while (state !== "stop" && !signal.aborted) {
      if (state === "retry") await pause(RETRY_MS, signal);
      if (signal.aborted) return;
      state = await poll(WAIT_S);
    }
  })();
}
