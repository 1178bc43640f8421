import { createHash } from "node:crypto";
import { findEndpoint } from "@zenith/api-client/catalog";
import { type CinderClient, createCinderClient } from "@zenith/api-client/cinder";
import { createGlanceClient, type GlanceClient } from "@zenith/api-client/glance";
import { type MetricService, resolveMetricService } from "@zenith/api-client/gnocchi";
import type { FetchLike } from "@zenith/api-client/http";
import type { KeystoneClient } from "@zenith/api-client/keystone";
import { createNeutronClient, type NeutronClient } from "@zenith/api-client/neutron";
import { createNovaClient, type NovaClient } from "@zenith/api-client/nova";
import { CHANGES_SERVICE_TYPE, type ChangesClient, createChangesClient } from "@zenith/api-client/zenith";
import { catalogFor, endpointOf } from "./catalog.ts";

/**
 * The OpenStack clients of one request, created on first use so procedures
 * that need only Keystone never fetch a catalog.
 */
export interface Cloud {
  /** Names the caller's token without holding it (a digest): a key for sharing reads between its streams. */
  readonly identity: string;
  keystone: KeystoneClient;
  nova(): Promise<NovaClient>;
  glance(): Promise<GlanceClient>;
  neutron(): Promise<NeutronClient>;
  /** Block storage (catalog type `volumev3`, or `block-storage` on newer clouds). */
  cinder(): Promise<CinderClient>;
  /** Zenith's change notices, or null on a cloud without them (any other OpenStack): then poll. */
  changes(): Promise<ChangesClient | null>;
  /** The metric service (Gnocchi, catalog type `metric`), or its typed absence: many clouds have none. */
  metric(): Promise<MetricService>;
}

export function createCloud(opts: {
  token: string;
  keystone: KeystoneClient;
  fetch?: FetchLike | undefined;
}): Cloud {
  let nova: Promise<NovaClient> | undefined;
  let glance: Promise<GlanceClient> | undefined;
  let neutron: Promise<NeutronClient> | undefined;
  let cinder: Promise<CinderClient> | undefined;
  let metric: Promise<MetricService> | undefined;
  return {
    identity: createHash("sha256").update(opts.token).digest("base64url"),
    keystone: opts.keystone,
    nova() {
      nova ??= catalogFor(opts.token, opts.keystone).then((catalog) =>
        createNovaClient({ endpoint: endpointOf(catalog, "compute"), token: opts.token, fetch: opts.fetch }),
      );
      return nova;
    },
    glance() {
      glance ??= catalogFor(opts.token, opts.keystone).then((catalog) =>
        createGlanceClient({ endpoint: endpointOf(catalog, "image"), token: opts.token, fetch: opts.fetch }),
      );
      return glance;
    },
    neutron() {
      neutron ??= catalogFor(opts.token, opts.keystone).then((catalog) =>
        createNeutronClient({
          endpoint: endpointOf(catalog, "network"),
          token: opts.token,
          fetch: opts.fetch,
        }),
      );
      return neutron;
    },
    cinder() {
      cinder ??= catalogFor(opts.token, opts.keystone).then((catalog) =>
        createCinderClient({
          endpoint:
            findEndpoint(catalog, { type: "volumev3", interface: "public" }) ??
            endpointOf(catalog, "block-storage"),
          token: opts.token,
          fetch: opts.fetch,
        }),
      );
      return cinder;
    },
    async changes() {
      const catalog = await catalogFor(opts.token, opts.keystone);
      const endpoint = findEndpoint(catalog, { type: CHANGES_SERVICE_TYPE, interface: "public" });
      return endpoint ? createChangesClient({ endpoint, token: opts.token, fetch: opts.fetch }) : null;
    },
    metric() {
      metric ??= catalogFor(opts.token, opts.keystone).then((catalog) =>
        resolveMetricService(catalog, { token: opts.token, fetch: opts.fetch }),
      );
      return metric;
    },
  };
}
