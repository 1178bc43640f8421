import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import { type ImageRouteEnv, requireImageAuth } from "./route-env.ts";

/** Glance's `GET /v2/info/usage`: the caller's project's image quotas and what it uses of them. */
export function registerImageUsageRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  app.get("/image/v2/info/usage", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const projectId = scopedProjectId(ctx);
    if (projectId === null) throw new ZenithError("FORBIDDEN", "A project-scoped token is required.");
    return { usage: await env.image.quotas.usage(projectId) };
  });
}
