import type { Image } from "@zenith/api-client/glance";
import type { Cloud } from "../cloud/clients.ts";
import type { SearchHit } from "./kinds.ts";
import { byId, SCAN_LIMIT } from "./lookup.ts";
import { bestMatches, type SearchQuery } from "./match.ts";
import type { SearchScope } from "./scope.ts";

const imageHit = (i: Image): SearchHit => ({
  id: i.id,
  name: i.name ?? "",
  status: i.status,
  detail: i.visibility,
});

/**
 * Images the caller may see, as the images page lists them (Glance scopes
 * by token: own, public, shared). Glance's `name` filter is exact only, so
 * one bounded page is filtered here.
 */
export async function searchImages(cloud: Cloud, _scope: SearchScope, q: SearchQuery): Promise<SearchHit[]> {
  const glance = await cloud.glance();
  if (q.uuid) return (await byId(() => glance.get(q.text))).map(imageHit);
  const page = await glance.list({ limit: SCAN_LIMIT, sortKey: "name", sortDir: "asc" });
  return bestMatches(q.text, page.items.map(imageHit), q.limit);
}
