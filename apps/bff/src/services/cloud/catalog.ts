import { findEndpoint } from "@zenith/api-client/catalog";
import type { CatalogEntry, KeystoneClient } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { missingServiceParams, say } from "../../messages.ts";

/**
 * The session cookie holds only the token, not its catalog (it would not
 * fit), so the catalog comes from `GET /v3/auth/catalog`, kept in memory for
 * a minute per token: one Keystone round trip per user per minute, not per call.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { expires: number; catalog: Promise<CatalogEntry[]> }>();

export function catalogFor(
  token: string,
  keystone: KeystoneClient,
  now = Date.now(),
): Promise<CatalogEntry[]> {
  const hit = cache.get(token);
  if (hit && hit.expires > now) return hit.catalog;
  if (cache.size >= MAX_ENTRIES) {
    for (const [key, entry] of cache) if (entry.expires <= now) cache.delete(key);
    // Still full of live entries: drop the oldest (Map keeps insertion order).
    const oldest = cache.keys().next();
    if (cache.size >= MAX_ENTRIES && !oldest.done) cache.delete(oldest.value);
  }
  const catalog = keystone.getCatalog();
  cache.set(token, { expires: now + TTL_MS, catalog });
  // A failed lookup must not be served from the cache.
  catalog.catch(() => cache.delete(token));
  return catalog;
}

export function clearCatalogCache(): void {
  cache.clear();
}

/** The public endpoint of a service type, or SERVICE_UNAVAILABLE naming what the cloud lacks. */
export function endpointOf(catalog: CatalogEntry[], type: string): string {
  const url = findEndpoint(catalog, { type, interface: "public" });
  if (!url) {
    throw new ZenithError("SERVICE_UNAVAILABLE", say("cloud.serviceMissing", missingServiceParams(type)));
  }
  return url;
}
