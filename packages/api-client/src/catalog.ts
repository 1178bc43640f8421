import type { CatalogEntry } from "./keystone/schemas.ts";

export type EndpointInterface = "public" | "internal" | "admin";

export interface EndpointQuery {
  /** Service type, e.g. "identity", "compute". */
  type: string;
  interface?: EndpointInterface;
  /** Region id; when omitted the first matching endpoint wins. */
  region?: string | undefined;
}

/** Finds an endpoint URL in a token's catalog, or `undefined` when the cloud has none. */
export function findEndpoint(catalog: CatalogEntry[], query: EndpointQuery): string | undefined {
  const iface = query.interface ?? "public";
  for (const service of catalog) {
    if (service.type !== query.type) continue;
    const match = service.endpoints.find(
      (e) =>
        e.interface === iface &&
        (query.region === undefined || e.region_id === query.region || e.region === query.region),
    );
    if (match) return match.url;
  }
  return undefined;
}

/** Region ids that appear in the catalog, in first-seen order. */
export function catalogRegions(catalog: CatalogEntry[]): string[] {
  const regions = new Set<string>();
  for (const service of catalog) {
    for (const e of service.endpoints) {
      const region = e.region_id ?? e.region;
      if (region) regions.add(region);
    }
  }
  return [...regions];
}
