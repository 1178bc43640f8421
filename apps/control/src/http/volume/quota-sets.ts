import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import type { VolumeQuotaLimits, VolumeQuotaService } from "../../services/volume/quotas.ts";
import { idParam, parse } from "../parse.ts";
import { type VolumeRequestContext, volumeContext } from "./context.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam, quotaLimit } from "./schemas.ts";

const ZParams = z.object({ project_id: idParam, target: idParam });
const ZShowQuery = z.object({ usage: queryParam }).loose();
/** Keys are checked against the cloud's resources by `limitsFromBody`; the map itself is bounded here. */
const ZQuotaMap = z
  .record(z.string().max(300), z.unknown())
  .refine((o) => Object.keys(o).length <= 1000, "too many keys");
const ZSetBody = z.object({ quota_set: ZQuotaMap });
const ZClassBody = z.object({ quota_class_set: ZQuotaMap });

/** Keys a body may carry besides the resources: OSC sends the target as `tenant_id` (ignored, the URL decides). */
const IGNORED_KEYS = new Set(["tenant_id", "id"]);

/** Validates an update body: known resource keys only ("Bad key(s)" otherwise), each an integer ≥ -1. */
async function limitsFromBody(
  quotas: VolumeQuotaService,
  body: Record<string, unknown>,
): Promise<VolumeQuotaLimits> {
  const known = new Set(await quotas.resourceNames());
  const bad = Object.keys(body).filter((k) => !known.has(k) && !IGNORED_KEYS.has(k));
  if (bad.length > 0) throw ZenithError.badRequest(`Bad key(s) in quota set: ${bad.sort().join(", ")}`);
  const values: VolumeQuotaLimits = {};
  for (const [key, raw] of Object.entries(body)) {
    if (IGNORED_KEYS.has(key)) continue;
    const parsed = quotaLimit.safeParse(raw);
    if (!parsed.success) {
      throw ZenithError.badRequest(`Invalid input received: ${key} must be an integer of -1 or greater.`);
    }
    values[key] = parsed.data;
  }
  return values;
}

/** `os-quota-sets/{project}` (show with `?usage=`, defaults, admin update and delete) and the default quota class. */
export function registerVolumeQuotaRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const quotas = env.volume.quotas;

  async function requireProject(ctx: VolumeRequestContext, id: string): Promise<void> {
    try {
      await env.identity.projects.get(ctx.auth, id);
    } catch (err) {
      if (isZenithError(err) && err.code === "NOT_FOUND") {
        throw ZenithError.badRequest(`Project ID ${id} is not a valid project.`);
      }
      throw err;
    }
  }

  const base = `${VOLUME_BASE}/os-quota-sets/:target`;

  app.get(base, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { target } = parse(ZParams, request.params);
    authorizeVolume(ctx, "volume_extension:quotas:show", { projectId: target });
    const q = parse(ZShowQuery, request.query);
    const usage = q.usage === undefined ? false : parse(cinderBool, q.usage);
    const limits = await quotas.limits(target);
    if (!usage) return { quota_set: { id: target, ...limits } };
    const used = await quotas.usage(target);
    const detail = Object.fromEntries(
      Object.entries(limits).map(([k, limit]) => [k, { limit, in_use: used[k] ?? 0, reserved: 0 }]),
    );
    return { quota_set: { id: target, ...detail } };
  });

  app.get(`${base}/defaults`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { target } = parse(ZParams, request.params);
    authorizeVolume(ctx, "volume_extension:quotas:show", { projectId: target });
    return { quota_set: { id: target, ...(await quotas.defaults()) } };
  });

  app.put(base, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:quotas:update", {});
    const { target } = parse(ZParams, request.params);
    const body = parse(ZSetBody, request.body).quota_set;
    const values = await limitsFromBody(quotas, body);
    await requireProject(ctx, target);
    // Cinder refuses a limit below what the project already holds.
    const used = await quotas.usage(target);
    for (const [key, limit] of Object.entries(values)) {
      const inUse = used[key] ?? 0;
      if (limit >= 0 && limit < inUse) {
        throw ZenithError.badRequest(
          `Quota ${key} limit must be equal or greater than existing resources. Current usage is ${inUse} and the requested limit is ${limit}.`,
        );
      }
    }
    request.log.info({ target, values }, "volume quotas updated");
    return { quota_set: await quotas.setLimits(target, values) };
  });

  app.delete(base, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:quotas:delete", {});
    const { target } = parse(ZParams, request.params);
    await quotas.reset(target);
    return reply.status(200).send();
  });

  // Quota classes: only "default" exists, and it is the defaults every project inherits.
  const classPath = `${VOLUME_BASE}/os-quota-class-sets/:target`;
  app.get(classPath, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:quota_classes");
    const { target } = parse(ZParams, request.params);
    return { quota_class_set: { id: target, ...(await quotas.defaults()) } };
  });

  app.put(classPath, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:quota_classes");
    const { target } = parse(ZParams, request.params);
    if (target !== "default") throw ZenithError.badRequest("Only the 'default' quota class is supported.");
    const body = parse(ZClassBody, request.body).quota_class_set;
    const values = await limitsFromBody(quotas, body);
    return { quota_class_set: await quotas.setDefaults(values) };
  });
}
