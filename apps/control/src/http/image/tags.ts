import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../parse.ts";
import { type ImageRouteEnv, requireImageAuth } from "./route-env.ts";

const ZParams = z.object({ id: idParam, tag: z.string().min(1).max(255) });

export function registerImageTagRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  const { images } = env.image;

  app.put("/image/v2/images/:id/tags/:tag", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id, tag } = parse(ZParams, request.params);
    await images.addTag(ctx, id, tag);
    return reply.status(204).send();
  });

  app.delete("/image/v2/images/:id/tags/:tag", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id, tag } = parse(ZParams, request.params);
    await images.removeTag(ctx, id, tag);
    return reply.status(204).send();
  });
}
