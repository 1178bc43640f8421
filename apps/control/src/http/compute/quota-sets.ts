import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import { QUOTA_RESOURCES, type QuotaLimits, type QuotaResource } from "../../services/compute/quotas.ts";
import { idParam, parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import type { Microversion } from "./microversion.ts";
import { novaBool, novaInt, queryParam } from "./render-common.ts";
import { quotaFields, renderQuotaDetail, renderQuotaSet } from "./render-quotas.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

const ZParams = z.object({ id: idParam });
/** `user_id` (per-user quotas) is accepted and answered with the project's quotas. */
const ZShowQuery = z.object({ user_id: queryParam });

/** The keys a microversion accepts: those it shows, each an integer ≥ -1 (-1 = unlimited). */
function updateSchema(mv: Microversion, kind: "project" | "class") {
  const shape: Record<string, z.ZodType> = {};
  for (const field of quotaFields(mv, kind)) shape[field] = novaInt(-1).optional();
  const key = kind === "project" ? "quota_set" : "quota_class_set";
  const inner =
    kind === "project" ? z.strictObject({ ...shape, force: novaBool.optional() }) : z.strictObject(shape);
  return z.strictObject({ [key]: inner });
}

function isResource(key: string): key is QuotaResource {
  return (QUOTA_RESOURCES as readonly string[]).includes(key);
}

/** Only real resources are stored; legacy network quotas are accepted and ignored, as upstream. */
function resourceValues(body: Record<string, unknown>): Partial<QuotaLimits> {
  const values: Partial<QuotaLimits> = {};
  for (const [key, value] of Object.entries(body))
    if (isResource(key) && typeof value === "number") values[key] = value;
  return values;
}

export function registerQuotaSetRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const quotas = env.compute.quotas;
  const base = "/compute/v2.1/os-quota-sets/:id";

  async function requireProject(ctx: ComputeRequestContext, id: string): Promise<void> {
    try {
      await env.identity.projects.get(ctx.auth, id);
    } catch (err) {
      if (isZenithError(err) && err.code === "NOT_FOUND") {
        throw ZenithError.badRequest(`Project ID ${id} is not a valid project.`);
      }
      throw err;
    }
  }

  app.get(base, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    parse(ZShowQuery, request.query);
    authorizeCompute(ctx, "os_compute_api:os-quota-sets:show", { projectId: id });
    return { quota_set: renderQuotaSet(await quotas.limits(id), ctx.mv, "project", id) };
  });

  app.get(`${base}/detail`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    authorizeCompute(ctx, "os_compute_api:os-quota-sets:detail", { projectId: id });
    const [limits, used] = await Promise.all([quotas.limits(id), quotas.usage(id)]);
    return { quota_set: renderQuotaDetail(limits, used, ctx.mv, id) };
  });

  app.get(`${base}/defaults`, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    authorizeCompute(ctx, "os_compute_api:os-quota-sets:defaults");
    return { quota_set: renderQuotaSet(await quotas.defaults(), ctx.mv, "project", id) };
  });

  app.put(base, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-quota-sets:update");
    const { id } = parse(ZParams, request.params);
    const parsed = parse(updateSchema(ctx.mv, "project"), request.body);
    const body = z.record(z.string(), z.unknown()).parse(parsed.quota_set);
    await requireProject(ctx, id);
    const values = resourceValues(body);
    if (body.force !== true) {
      // Nova refuses a limit below what is already used, unless forced.
      const used = await quotas.usage(id);
      for (const resource of ["instances", "cores", "ram"] as const) {
        const limit = values[resource];
        if (limit !== undefined && limit >= 0 && limit < used[resource]) {
          throw ZenithError.badRequest(
            `Quota limit ${limit} for ${resource} must be greater than or equal to already used and reserved ${used[resource]}.`,
          );
        }
      }
    }
    const limits = await quotas.setLimits(id, values);
    return { quota_set: renderQuotaSet(limits, ctx.mv, "project") };
  });

  app.delete(base, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-quota-sets:delete");
    const { id } = parse(ZParams, request.params);
    await quotas.reset(id);
    return reply.status(202).send();
  });

  // Quota classes: only "default" exists here, and it is the defaults every project inherits.
  const classPath = "/compute/v2.1/os-quota-class-sets/:id";
  app.get(classPath, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-quota-class-sets:show");
    const { id } = parse(ZParams, request.params);
    return { quota_class_set: renderQuotaSet(await quotas.defaults(), ctx.mv, "class", id) };
  });

  app.put(classPath, async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-quota-class-sets:update");
    const { id } = parse(ZParams, request.params);
    const parsed = parse(updateSchema(ctx.mv, "class"), request.body);
    if (id !== "default") throw ZenithError.badRequest("Only the 'default' quota class is supported.");
    const body = z.record(z.string(), z.unknown()).parse(parsed.quota_class_set);
    const limits = await quotas.setDefaults(resourceValues(body));
    return { quota_class_set: renderQuotaSet(limits, ctx.mv, "class") };
  });
}
