import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryString } from "../parse.ts";
import { renderGroup, renderUser } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZGroupCreate = z.object({
  group: z.object({
    name: nameField,
    domain_id: z.string().min(1).nullable().optional(),
    description: descriptionField,
  }),
});
const ZGroupUpdate = z.object({
  group: z.object({ name: nameField.optional(), description: descriptionField }),
});
const ZGroupQuery = z.object({ name: queryString, domain_id: queryString });
const ZParams = z.object({ id: idParam });
const ZMemberParams = z.object({ id: idParam, userId: idParam });

export function registerGroupRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/groups", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZGroupQuery, request.query);
    const groups = await services.groups.list(ctx, { name: q.name, domainId: q.domain_id });
    return { groups: groups.map((g) => renderGroup(links, g)), links: links.collection(request.url) };
  });

  app.post("/identity/v3/groups", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { group } = parse(ZGroupCreate, request.body);
    const created = await services.groups.create(ctx, {
      name: group.name,
      domainId: group.domain_id ?? undefined,
      description: group.description,
    });
    return reply.status(201).send({ group: renderGroup(links, created) });
  });

  app.get("/identity/v3/groups/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { group: renderGroup(links, await services.groups.get(ctx, id)) };
  });

  app.patch("/identity/v3/groups/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { group } = parse(ZGroupUpdate, request.body);
    return { group: renderGroup(links, await services.groups.update(ctx, id, group)) };
  });

  app.delete("/identity/v3/groups/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await services.groups.delete(ctx, id);
    return reply.status(204).send();
  });

  app.get("/identity/v3/groups/:id/users", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const users = await services.groups.listUsers(ctx, id);
    return { users: users.map((u) => renderUser(links, u)), links: links.collection(request.url) };
  });

  app.put("/identity/v3/groups/:id/users/:userId", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, userId } = parse(ZMemberParams, request.params);
    await services.groups.addUser(ctx, id, userId);
    return reply.status(204).send();
  });

  // GET and its derived HEAD: 204 for a member, 404 otherwise.
  app.get("/identity/v3/groups/:id/users/:userId", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, userId } = parse(ZMemberParams, request.params);
    await services.groups.checkUser(ctx, id, userId);
    return reply.status(204).send();
  });

  app.delete("/identity/v3/groups/:id/users/:userId", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, userId } = parse(ZMemberParams, request.params);
    await services.groups.removeUser(ctx, id, userId);
    return reply.status(204).send();
  });
}
