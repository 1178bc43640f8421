import type { ELK } from "elkjs/lib/elk-api";

let elk: Promise<ELK> | null = null;

/**
 * One elk instance for the page, loaded on demand (elk is large): the
 * topology page starts loading it while the graph is being fetched, so the
 * first layout does not wait for both one after the other.
 */
export function loadElk(): Promise<ELK> {
  elk ??= import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk());
  // A failed load (network) may be retried on the next call.
  elk.catch(() => {
    elk = null;
  });
  return elk;
}
