import { WebSocket } from "ws";

/** Bounds of what one direction of a console session may queue towards a slow reader. */
export interface FlowLimits {
  /** Queued bytes at which the source is paused. */
  highWaterBytes: number;
  /** Queued bytes under which it resumes. */
  lowWaterBytes: number;
  /** A reader that keeps the source paused this long ends the session. */
  stallMs: number;
}

export const DEFAULT_FLOW: FlowLimits = {
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  stallMs: 30_000,
};

/** Close code of a session whose reader stayed behind too long (1013, "try again later"). */
export const SLOW_READER_CODE = 1013;

/**
 * Relays frames from `from` to `to` with backpressure: while `to` has more
 * than the high-water mark queued, `from` stops reading its TCP socket (so
 * its peer is slowed in turn, not buffered for); it resumes once the queue
 * drained under the low-water mark, as the last write's callback reports.
 * Paused past `stallMs`, `onStall` ends the session. Returns a cleanup.
 */
export function relayFrames(
  from: WebSocket,
  to: WebSocket,
  limits: FlowLimits,
  onStall: () => void,
): () => void {
  let stall: NodeJS.Timeout | undefined;
  const drained = () => {
    if (stall === undefined || to.bufferedAmount > limits.lowWaterBytes) return;
    clearTimeout(stall);
    stall = undefined;
    from.resume();
  };
  from.on("message", (data, isBinary) => {
    if (to.readyState !== WebSocket.OPEN) return;
    to.send(data, { binary: isBinary }, drained);
    if (stall === undefined && to.bufferedAmount > limits.highWaterBytes) {
      from.pause();
      stall = setTimeout(onStall, limits.stallMs);
    }
  });
  return () => clearTimeout(stall);
}
