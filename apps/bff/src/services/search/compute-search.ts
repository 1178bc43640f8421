import type { Server } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";
import { substringRegex } from "../compute/list-instances.ts";
import type { SearchHit } from "./kinds.ts";
import { byId, NOVA_SCAN_LIMIT } from "./lookup.ts";
import { bestMatches, type SearchQuery } from "./match.ts";
import type { SearchScope } from "./scope.ts";

const instanceHit = (s: Server): SearchHit => ({ id: s.id, name: s.name, status: s.status, detail: null });

/**
 * Instances: Nova filters names by regular expression, so the text is
 * escaped into a case-insensitive literal (`substringRegex`). Without
 * `all_tenants` Nova answers the token's project only, admins included.
 */
export async function searchInstances(
  cloud: Cloud,
  _scope: SearchScope,
  q: SearchQuery,
): Promise<SearchHit[]> {
  const nova = await cloud.nova();
  if (q.uuid) return (await byId(() => nova.servers.get(q.text))).map(instanceHit);
  const page = await nova.servers.detail({ name: substringRegex(q.text), limit: NOVA_SCAN_LIMIT });
  return bestMatches(q.text, page.items.map(instanceHit), q.limit);
}

/** Key pairs are the user's own (Nova scopes them by user); their name is their id. */
export async function searchKeyPairs(
  cloud: Cloud,
  _scope: SearchScope,
  q: SearchQuery,
): Promise<SearchHit[]> {
  const nova = await cloud.nova();
  const pairs = await nova.keyPairs.list();
  return bestMatches(
    q.text,
    pairs.map((k) => ({ id: k.name, name: k.name, status: null, detail: k.type ?? null })),
    q.limit,
  );
}
