import type { Volume } from "@zenith/api-client/cinder";
import type { Cloud } from "../cloud/clients.ts";
import type { SearchHit } from "./kinds.ts";
import { byId, SCAN_LIMIT } from "./lookup.ts";
import { bestMatches, type SearchQuery } from "./match.ts";
import type { SearchScope } from "./scope.ts";

const volumeHit = (v: Volume): SearchHit => ({
  id: v.id,
  name: v.name ?? "",
  status: v.status,
  detail: `${v.size} GiB`,
});

/**
 * Volumes of the session's project (Cinder without `all_tenants` answers
 * the token's project, admins included). Cinder's `name` filter is exact
 * and its `name~` needs a cloud that enables it, so one bounded page is
 * filtered here.
 */
export async function searchVolumes(cloud: Cloud, _scope: SearchScope, q: SearchQuery): Promise<SearchHit[]> {
  const cinder = await cloud.cinder();
  if (q.uuid) return (await byId(() => cinder.volumes.get(q.text))).map(volumeHit);
  const page = await cinder.volumes.detail({ limit: SCAN_LIMIT });
  return bestMatches(q.text, page.items.map(volumeHit), q.limit);
}
