import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { MEMBER_STATUSES } from "../../services/image/attributes.ts";
import { idParam, parse } from "../parse.ts";
import { renderMember } from "./render.ts";
import { type ImageRouteEnv, requireImageAuth } from "./route-env.ts";

const ZParams = z.object({ id: idParam });
const ZMemberParams = z.object({ id: idParam, member: idParam });
const ZCreate = z.object({ member: z.string().trim().min(1).max(255) });
const ZUpdate = z.object({ status: z.enum(MEMBER_STATUSES) });

export function registerImageMemberRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  const { members } = env.image;

  app.get("/image/v2/images/:id/members", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const list = await members.list(ctx, id);
    return { members: list.map(renderMember), schema: "/v2/schemas/members" };
  });

  app.post("/image/v2/images/:id/members", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { member } = parse(ZCreate, request.body);
    // Glance answers 200 here, not 201.
    return renderMember(await members.create(ctx, id, member));
  });

  app.get("/image/v2/images/:id/members/:member", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id, member } = parse(ZMemberParams, request.params);
    return renderMember(await members.get(ctx, id, member));
  });

  app.put("/image/v2/images/:id/members/:member", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id, member } = parse(ZMemberParams, request.params);
    const { status } = parse(ZUpdate, request.body);
    return renderMember(await members.update(ctx, id, member, status));
  });

  app.delete("/image/v2/images/:id/members/:member", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id, member } = parse(ZMemberParams, request.params);
    await members.delete(ctx, id, member);
    return reply.status(204).send();
  });
}
