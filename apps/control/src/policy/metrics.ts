import type { AuthContext } from "../services/identity/auth-context.ts";
import { evaluate, notAuthorized, type Rule } from "./evaluate.ts";

/** Zenith's own action for reading /metrics (not an OpenStack API). */
export type MetricsAction = "zenith:metrics:scrape";

/**
 * The cloud's health spans every project and host (host names, agent
 * states, request rates): cloud admins only. A Prometheus server uses the
 * scrape token instead (scrape-auth.ts), which needs no policy: it is the
 * operator's own secret and grants nothing but /metrics.
 */
const SCRAPE: readonly Rule[] = ["cloud_admin"];

export function authorizeMetricsScrape(ctx: AuthContext): void {
  if (!evaluate(ctx, SCRAPE)) throw notAuthorized("zenith:metrics:scrape" satisfies MetricsAction);
}
