import type { IndexedTopology } from "./digest.ts";

interface InFlight {
  startedAt: number;
  graph: Promise<IndexedTopology>;
}

const inflight = new Map<string, InFlight>();

/**
 * One read of a graph shared by the streams that want it at the same time:
 * a user with several tabs on the diagram (or connections the browser
 * dropped that the proxy has not closed yet) costs one read per change, not
 * one per stream, when a change notice wakes them all at once. A stream
 * joins a read only if it started at or after `wantedAt`, the moment the
 * stream learned it must look again, so it never gets a graph older than
 * the change that woke it. `key` names the token and the view: streams
 * never share what their tokens may not both see. The graph is shared:
 * callers must not change it.
 */
export function sharedRead(
  key: string,
  wantedAt: number,
  read: () => Promise<IndexedTopology>,
): Promise<IndexedTopology> {
  const current = inflight.get(key);
  if (current && current.startedAt >= wantedAt) return current.graph;
  const entry: InFlight = { startedAt: performance.now(), graph: read() };
  inflight.set(key, entry);
  const forget = () => {
    if (inflight.get(key) === entry) inflight.delete(key);
  };
  entry.graph.then(forget, forget);
  return entry.graph;
}
