import type { AuthContext } from "../services/identity/auth-context.ts";
import { evaluate, isCloudAdmin, notAuthorized, type Rule, type RuleTable } from "./evaluate.ts";

/**
 * Gnocchi's default rules (gnocchi/rest/policy.yaml), reduced to this
 * cloud's roles: readers of a project read its resources, metrics and
 * measures (which ones is scoped by the services: a project's own, hosts
 * never); cloud admins read everything. Nothing is written through the
 * API: measures come only from agents, on their own credentials.
 * Names are Gnocchi's: they appear verbatim in 403 messages.
 */
const READER: readonly Rule[] = ["cloud_admin", "scoped_reader"];
const ADMIN: readonly Rule[] = ["cloud_admin"];

export const METRIC_RULES = {
  "get status": ADMIN,
  "get resource": READER,
  "list resource": READER,
  "search resource": READER,
  "get metric": READER,
  "list metric": READER,
  "get measures": READER,
  "get resource type": READER,
  "list resource type": READER,
  "get archive policy": READER,
  "list archive policy": READER,
  "list all metric": ADMIN,
  "list all resource": ADMIN,
} as const satisfies RuleTable<string>;

export type MetricAction = keyof typeof METRIC_RULES;

export function isMetricAdmin(ctx: AuthContext): boolean {
  return isCloudAdmin(ctx);
}

/** Throws Gnocchi's 403 when the caller may not perform the action at all. */
export function authorizeMetric(ctx: AuthContext, action: MetricAction): void {
  if (!evaluate(ctx, METRIC_RULES[action])) throw notAuthorized(action);
}
