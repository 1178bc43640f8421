import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeNetwork } from "../../policy/network.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import {
  NETWORK_QUOTA_RESOURCES,
  type NetworkQuotaLimits,
  type NetworkQuotaResource,
} from "../../services/network/quotas.ts";
import { idParam, parse } from "../parse.ts";
import { owner } from "./render-common.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

const ZProject = z.object({ project: idParam });
const limit = z.coerce
  .number()
  .int()
  .min(-1)
  .max(2 ** 31 - 1);
const ZUpdate = z.strictObject({
  quota: z.strictObject(
    Object.fromEntries(NETWORK_QUOTA_RESOURCES.map((r) => [r, limit.optional()])) as Record<
      NetworkQuotaResource,
      z.ZodOptional<typeof limit>
    >,
  ),
});

/**
 * Neutron's quotas API: per-project limits, defaults and usage details
 * (`openstack quota show` reads `GET /v2.0/quotas/{project}`; `quota set`
 * PUTs `{"quota": {"network": 7}}`).
 */
export function registerQuotaRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const { quotas } = env.network;

  app.get(`${V2}/quotas`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    authorizeNetwork(ctx, "list_quotas");
    const projects = await quotas.projectsWithLimits();
    const rows = await Promise.all(projects.map(async (p) => ({ ...(await quotas.limits(p)), ...owner(p) })));
    return { quotas: rows };
  });

  // Upstream's "which project am I" helper; registered before `:project`.
  app.get(`${V2}/quotas/tenant`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    return { tenant: { tenant_id: scopedProjectId(ctx) ?? "" } };
  });

  app.get(`${V2}/quotas/:project`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { project } = parse(ZProject, request.params);
    authorizeNetwork(ctx, "get_quota", { projectId: project });
    return { quota: await quotas.limits(project) };
  });

  app.get(`${V2}/quotas/:project/default`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { project } = parse(ZProject, request.params);
    authorizeNetwork(ctx, "get_quota", { projectId: project });
    return { quota: await quotas.defaults() };
  });

  app.get(`${V2}/quotas/:project/details`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { project } = parse(ZProject, request.params);
    authorizeNetwork(ctx, "get_quota", { projectId: project });
    const [limits, used] = await Promise.all([quotas.limits(project), quotas.usage(project)]);
    return { quota: details(limits, used) };
  });

  app.put(`${V2}/quotas/:project`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { project } = parse(ZProject, request.params);
    authorizeNetwork(ctx, "update_quota", { projectId: project });
    const { quota } = parse(ZUpdate, request.body);
    return { quota: await quotas.setLimits(project, quota) };
  });

  app.delete(`${V2}/quotas/:project`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { project } = parse(ZProject, request.params);
    authorizeNetwork(ctx, "delete_quota", { projectId: project });
    await quotas.reset(project);
    return reply.status(204).send();
  });
}

function details(limits: NetworkQuotaLimits, used: NetworkQuotaLimits) {
  return Object.fromEntries(
    NETWORK_QUOTA_RESOURCES.map((r) => [r, { used: used[r], limit: limits[r], reserved: 0 }]),
  );
}
