import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import { parse } from "../parse.ts";
import { computeContext } from "./context.ts";
import { queryParam } from "./render-common.ts";
import { renderAbsoluteLimits } from "./render-quotas.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

const ZQuery = z.object({ tenant_id: queryParam, reserved: queryParam });

/** `GET /limits`: the project's quotas and usage; there are no rate limits (`rate: []`). */
export function registerLimitRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const quotas = env.compute.quotas;

  app.get("/compute/v2.1/limits", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const q = parse(ZQuery, request.query);
    const projectId = q.tenant_id || ctx.projectId;
    authorizeCompute(ctx, "os_compute_api:limits");
    if (projectId !== ctx.projectId) authorizeCompute(ctx, "os_compute_api:limits:other_project");
    const [limits, used] = await Promise.all([quotas.limits(projectId), quotas.usage(projectId)]);
    return { limits: { absolute: renderAbsoluteLimits(limits, used, ctx.mv), rate: [] } };
  });
}
