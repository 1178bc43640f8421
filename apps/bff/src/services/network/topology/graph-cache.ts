import type { ChangeCursor, ChangesClient } from "@zenith/api-client/zenith";
import type { Cloud } from "../../cloud/clients.ts";
import { toZenithError } from "../../errors.ts";
import type { IndexedTopology } from "./digest.ts";
import { concerns } from "./follow.ts";
import { readIndexed } from "./graph.ts";
import type { TopologyView } from "./view.ts";

/**
 * How long a cached graph may answer at all. The change notices cover the
 * tables the graph is drawn from (volumes included), not the project names
 * the all-projects view borrows from Keystone. A page never shows such a
 * name stale for long whatever this age: its live stream re-reads the whole
 * graph every 30 s while notices flow (its safety net) and sends the
 * difference. This bound keeps a graph nobody asked for in a while from
 * being trusted on notices alone.
 */
export const GRAPH_CACHE_MAX_AGE_MS = 5 * 60_000;
/** Graphs kept (one per token and view); the largest allowed graph is a few MB. */
const MAX_ENTRIES = 8;

interface Entry {
  /** The change cursor taken before the read started: any change after it may be missing from the graph. */
  cursor: ChangeCursor;
  readAt: number;
  graph: Promise<IndexedTopology>;
}

const entries = new Map<string, Entry>();

/** The cache key: the token (hashed) and the view, so a graph is only ever served to a token that read it. */
export const graphKey = (cloud: Cloud, view: TopologyView) => `${cloud.identity} ${JSON.stringify(view)}`;

/**
 * The view's graph, from the last read when the control plane's change
 * notices say nothing it draws from has changed since (one cheap call
 * instead of listing every server and port: a reload, the stream that
 * follows a page load, a second tab). Where the cloud has no change notices
 * (any other OpenStack) every call reads. The notice call also proves the
 * token still works: an expired one gets UNAUTHORIZED, not a cached graph.
 * The graph is shared: callers must not change it.
 */
export async function cachedGraph(
  cloud: Cloud,
  view: TopologyView,
  read: (cloud: Cloud, view: TopologyView) => Promise<IndexedTopology> = readIndexed,
): Promise<IndexedTopology> {
  const changes = await cloud.changes().catch(() => null);
  if (!changes) return read(cloud, view);
  const key = graphKey(cloud, view);
  const now = performance.now();
  const hit = entries.get(key);
  const valid = hit && now - hit.readAt < GRAPH_CACHE_MAX_AGE_MS ? hit : undefined;
  const cursor = await currentCursor(changes, valid, view);
  if (valid && cursor === "unchanged") return valid.graph;
  if (cursor === undefined || cursor === "unchanged") return read(cloud, view);
  const entry: Entry = { cursor, readAt: now, graph: read(cloud, view) };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next();
    if (oldest.done) break;
    entries.delete(oldest.value);
  }
  entry.graph.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry.graph;
}

/**
 * "unchanged" when nothing the view draws from changed after the cached
 * entry's cursor (the entry's cursor moves on); otherwise the cursor to
 * cache a new read under, taken now, before that read; undefined when the
 * notices cannot be asked (the read goes uncached).
 */
async function currentCursor(
  changes: ChangesClient,
  hit: Entry | undefined,
  view: TopologyView,
): Promise<ChangeCursor | "unchanged" | undefined> {
  try {
    // No cursor yet: the first call of a reader gets a reset and the cursor to go on from.
    const batch = await changes.wait(hit?.cursor ?? { epoch: undefined, after: 0 }, 0);
    const next = { epoch: batch.epoch, after: batch.latest };
    if (hit && !concerns(batch, view)) {
      hit.cursor = next;
      return "unchanged";
    }
    return next;
  } catch (err) {
    const mapped = toZenithError(err);
    if (mapped?.code === "UNAUTHORIZED") throw mapped;
    return undefined;
  }
}

/** Forgets every cached graph (tests). */
export function clearGraphCache(): void {
  entries.clear();
}
