import type { FastifyRequest } from "fastify";
import { authorizeMetricsScrape } from "../../policy/metrics.ts";
import { bearerToken, sameSecret } from "../../services/compute/agent-hub/credentials.ts";
import { unauthorized } from "../../services/identity/errors.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";

export interface ScrapeAuthEnv extends RouteEnv {
  /** ZENITH_METRICS_SCRAPE_TOKEN; unset: only cloud admins' Keystone tokens may read /metrics. */
  scrapeToken: string | undefined;
}

/**
 * Who may read /metrics: a Prometheus server presenting the scrape token
 * (`Authorization: Bearer`, Prometheus's `authorization` setting), or a
 * cloud admin's Keystone token (`X-Auth-Token`, the policy module
 * decides). A bearer, when sent, decides alone: a wrong one is 401 even
 * beside a valid Keystone token, so a misconfigured scraper is noticed.
 * Every refusal has the same body: nothing tells which part was wrong.
 */
export async function authorizeScrape(env: ScrapeAuthEnv, request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const presented = bearerToken(authorization);
    // Compared in constant time (digests of both): neither content nor length leaks.
    if (env.scrapeToken !== undefined && presented !== null && sameSecret(presented, env.scrapeToken)) return;
    throw unauthorized();
  }
  authorizeMetricsScrape(await requireAuth(env, request));
}
