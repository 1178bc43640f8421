import { ZenithError } from "@zenith/core/errors";
import type { FastifyRequest } from "fastify";
import { authorizeMetric, isMetricAdmin, type MetricAction } from "../../policy/metric.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { MetricCaller } from "../../services/metering/resources.ts";

/**
 * Validates X-Auth-Token (401) and the action (403), and says what the
 * caller may see: its project's resources, or everything for cloud admins.
 */
export async function metricCaller(
  identity: IdentityServices,
  request: FastifyRequest,
  action: MetricAction,
): Promise<MetricCaller> {
  const token = request.headers["x-auth-token"];
  const auth = await identity.tokens.authenticate(
    typeof token === "string" && token !== "" ? token : undefined,
  );
  authorizeMetric(auth, action);
  const isAdmin = isMetricAdmin(auth);
  const projectId = scopedProjectId(auth);
  if (!isAdmin && !projectId)
    throw new ZenithError("FORBIDDEN", "The metric API needs a project-scoped token.");
  request.log = request.log.child({ userId: auth.user.id, projectId });
  return { projectId, isAdmin };
}
