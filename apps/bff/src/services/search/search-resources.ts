import { findEndpoint } from "@zenith/api-client/catalog";
import type { CatalogEntry } from "@zenith/api-client/keystone";
import { catalogFor } from "../cloud/catalog.ts";
import type { Cloud } from "../cloud/clients.ts";
import { toZenithError } from "../errors.ts";
import { searchInstances, searchKeyPairs } from "./compute-search.ts";
import { searchProjects, searchUsers } from "./identity-search.ts";
import { searchImages } from "./image-search.ts";
import { ADMIN_KINDS, SEARCH_KINDS, type SearchGroup, type SearchHit, type SearchKind } from "./kinds.ts";
import { isUuid, type SearchQuery } from "./match.ts";
import { searchFloatingIps, searchNetworks, searchRouters, searchSecurityGroups } from "./network-search.ts";
import type { SearchScope } from "./scope.ts";
import { searchVolumes } from "./volume-search.ts";

type Searcher = (cloud: Cloud, scope: SearchScope, q: SearchQuery) => Promise<SearchHit[]>;

/** Each kind: the catalog types that serve it (any one will do; identity is always there) and its search. */
const SEARCHERS: Record<SearchKind, { services: readonly string[]; search: Searcher }> = {
  instance: { services: ["compute"], search: searchInstances },
  keyPair: { services: ["compute"], search: searchKeyPairs },
  image: { services: ["image"], search: searchImages },
  volume: { services: ["volumev3", "block-storage"], search: searchVolumes },
  network: { services: ["network"], search: searchNetworks },
  router: { services: ["network"], search: searchRouters },
  securityGroup: { services: ["network"], search: searchSecurityGroups },
  floatingIp: { services: ["network"], search: searchFloatingIps },
  project: { services: [], search: searchProjects },
  user: { services: [], search: searchUsers },
};

export interface SearchRequest {
  query: string;
  kinds?: readonly SearchKind[] | undefined;
  /** Per kind. */
  limit: number;
}

function inCatalog(catalog: CatalogEntry[], services: readonly string[]): boolean {
  return (
    services.length === 0 || services.some((type) => findEndpoint(catalog, { type, interface: "public" }))
  );
}

/**
 * Every asked kind searched at once, each with its own API's filters and
 * the caller's token (so each API scopes it as it scopes every list). A
 * kind whose service the catalog lacks is `unavailable`; a kind whose
 * service fails is `error` with a message, and the others still answer.
 * Identity kinds are searched for cloud admins only (they are admin pages).
 */
export async function searchResources(
  cloud: Cloud,
  scope: SearchScope,
  req: SearchRequest,
  onError: (kind: SearchKind, err: unknown) => void = () => {},
): Promise<SearchGroup[]> {
  const text = req.query.trim();
  if (text === "") return [];
  const asked = new Set(req.kinds ?? SEARCH_KINDS);
  const kinds = SEARCH_KINDS.filter((kind) => asked.has(kind) && (scope.isAdmin || !ADMIN_KINDS.has(kind)));
  const catalog = await catalogFor(scope.token, cloud.keystone);
  const q: SearchQuery = { text, uuid: isUuid(text), limit: req.limit };
  return Promise.all(
    kinds.map(async (kind): Promise<SearchGroup> => {
      const { services, search } = SEARCHERS[kind];
      if (!inCatalog(catalog, services)) return { kind, state: "unavailable", items: [] };
      try {
        return { kind, state: "ok", items: await search(cloud, scope, q) };
      } catch (err) {
        onError(kind, err);
        const message = toZenithError(err)?.message ?? "The service did not answer.";
        return { kind, state: "error", items: [], message };
      }
    }),
  );
}
