import { randomUUID } from "node:crypto";
import type { Logger } from "@zenith/core/logger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { registerAgentRoutes } from "./http/agent/index.ts";
import { registerComputeRoutes } from "./http/compute/index.ts";
import { registerConsoleRoutes } from "./http/console/index.ts";
import { installErrorHandling, installJsonParser } from "./http/error-handler.ts";
import { registerAppCredentialRoutes } from "./http/identity/app-credentials.ts";
import { registerAuthScopeRoutes } from "./http/identity/auth-scopes.ts";
import { registerAuthTokenRoutes } from "./http/identity/auth-tokens.ts";
import { registerCatalogAdminRoutes } from "./http/identity/catalog-admin.ts";
import { registerDiscoveryRoutes } from "./http/identity/discovery.ts";
import { registerDomainRoutes } from "./http/identity/domains.ts";
import { registerGrantRoutes } from "./http/identity/grants.ts";
import { registerGroupRoutes } from "./http/identity/groups.ts";
import { registerProjectRoutes } from "./http/identity/projects.ts";
import { Links } from "./http/identity/render.ts";
import { registerRoleAssignmentRoutes } from "./http/identity/role-assignments.ts";
import { registerRoleRoutes } from "./http/identity/roles.ts";
import type { RouteEnv } from "./http/identity/route-env.ts";
import { registerUserRoutes } from "./http/identity/users.ts";
import { registerImageRoutes } from "./http/image/register.ts";
import { registerMetricApiRoutes } from "./http/metric/register.ts";
import { registerNetworkAgentRoutes } from "./http/network/agents.ts";
import { publishNetworkApiChanges } from "./http/network/publish-changes.ts";
import { registerNetworkApiRoutes } from "./http/network/register.ts";
import { refuseNulInput } from "./http/parse.ts";
import { createControlMetrics } from "./http/prometheus/control-metrics.ts";
import { installRequestMetrics } from "./http/prometheus/request-metrics.ts";
import { registerPrometheusRoute } from "./http/prometheus/scrape-route.ts";
import { UpgradeRouter } from "./http/upgrade-router.ts";
import { registerVolumeRoutes } from "./http/volume/register.ts";
import { registerChangeRoutes } from "./http/zenith/changes.ts";
import { registerServerCountRoutes } from "./http/zenith/server-counts.ts";
import type { ChangeFeed } from "./services/changes/feed.ts";
import type { ComputeServices } from "./services/compute/registry.ts";
import type { HealthReader } from "./services/health/reader.ts";
import type { IdentityServices } from "./services/identity/registry.ts";
import type { ImageServices } from "./services/image/registry.ts";
import type { MeteringServices } from "./services/metering/registry.ts";
import type { NetworkHubServices } from "./services/network/hub/registry.ts";
import type { NetworkServices } from "./services/network/registry.ts";
import type { VolumeServices } from "./services/volume/registry.ts";

export interface ControlAppOptions {
  services: IdentityServices;
  image: ImageServices;
  compute: ComputeServices;
  /** The network agents' hub, agent list and port wiring. */
  networkHub: NetworkHubServices;
  network: NetworkServices;
  /** Block storage (Cinder v3): volume types, quotas, zones; volumes as they are built. */
  volume: VolumeServices;
  /** Metering: the metric API (Gnocchi v1) and the agents' samples. */
  metering: MeteringServices;
  /** The database's change notices, served to live views at /zenith/v1/changes. */
  changes: ChangeFeed;
  logger: Logger;
  /** Resolved lazily: with port 0 the public URL is known only after listen. */
  publicUrl: () => string;
  /** Browser origins that may open console WebSockets besides the control plane's own. */
  consoleOrigins?: readonly string[] | undefined;
  /**
   * Settles when bootstrap is done. Requests wait for it: we must listen
   * before bootstrap to learn an ephemeral port, yet answer nothing early.
   */
  ready?: Promise<void>;
  /** Told of every route registered (method and URL pattern): the fuzz suite covers them all. */
  onRoute?: (route: { method: string; url: string }) => void;
  /** What GET /metrics shows besides request counts, and who besides cloud admins may read it. */
  prometheus: {
    health: HealthReader;
    /** The database has a connection pool to show (PostgreSQL; PGlite has none). */
    databasePool: boolean;
    /** A Prometheus server's bearer token (ZENITH_METRICS_SCRAPE_TOKEN); unset: cloud admins only. */
    scrapeToken: string | undefined;
  };
}

/** The control plane's HTTP app: Keystone under /identity, more services later. */
export function buildControlApp(opts: ControlAppOptions): FastifyInstance {
  // Typed as Fastify's base logger so route modules take a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = opts.logger;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    // Keystone's request id form; also the key for 500 reports in the log.
    genReqId: () => `req-${randomUUID()}`,
    // One "request" line per response (below) instead of Fastify's two.
    logController: new LogController({ requestIdLogLabel: "requestId", disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });

  const { onRoute } = opts;
  if (onRoute) {
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }

  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Openstack-Request-Id", request.id);
    reply.header("Vary", "X-Auth-Token");
    await opts.ready;
  });
  const metrics = createControlMetrics(opts.prometheus.health, {
    databasePool: opts.prometheus.databasePool,
  });
  installRequestMetrics(app, metrics.http);
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });

  installJsonParser(app);
  installErrorHandling(app);
  refuseNulInput(app);

  const env: RouteEnv = { services: opts.services, links: new Links(opts.publicUrl) };
  registerDiscoveryRoutes(app, env);
  registerAuthTokenRoutes(app, env);
  registerAuthScopeRoutes(app, env);
  registerDomainRoutes(app, env);
  registerProjectRoutes(app, env);
  registerUserRoutes(app, env);
  registerGroupRoutes(app, env);
  registerRoleRoutes(app, env);
  registerGrantRoutes(app, env);
  registerRoleAssignmentRoutes(app, env);
  registerAppCredentialRoutes(app, env);
  registerCatalogAdminRoutes(app, env);
  registerImageRoutes(app, { ...env, image: opts.image, publicUrl: opts.publicUrl });
  registerComputeRoutes(app, {
    identity: opts.services,
    compute: opts.compute,
    image: opts.image,
    volume: opts.volume,
    publicUrl: opts.publicUrl,
  });
  registerNetworkApiRoutes(app, { ...env, network: opts.network, publicUrl: opts.publicUrl });
  registerNetworkAgentRoutes(app, { ...env, agents: opts.networkHub.agents });
  registerVolumeRoutes(app, { identity: opts.services, volume: opts.volume, publicUrl: opts.publicUrl });
  registerMetricApiRoutes(app, {
    identity: opts.services,
    metering: opts.metering,
    publicUrl: opts.publicUrl,
  });
  registerChangeRoutes(app, { ...env, feed: opts.changes });
  registerServerCountRoutes(app, { ...env, servers: opts.compute.servers });
  registerPrometheusRoute(app, { ...env, metrics, scrapeToken: opts.prometheus.scrapeToken });
  publishNetworkApiChanges(app, opts.networkHub.publisher);
  const upgrades = new UpgradeRouter(app);
  registerAgentRoutes(
    app,
    upgrades,
    opts.compute.servers,
    opts.services,
    opts.networkHub,
    opts.volume,
    opts.metering,
  );
  registerConsoleRoutes(app, upgrades, {
    ...opts.compute.servers.consoles,
    allowedOrigins: opts.consoleOrigins,
    publicUrl: opts.publicUrl,
  });
  return app;
}
