import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryString } from "../parse.ts";
import { renderRole } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZRoleCreate = z.object({
  role: z.object({
    name: nameField,
    description: descriptionField,
    options: z.record(z.string(), z.unknown()).optional(),
  }),
});
const ZRoleUpdate = z.object({
  role: z.object({ name: nameField.optional(), description: descriptionField }),
});
const ZRoleQuery = z.object({ name: queryString, domain_id: queryString });
const ZParams = z.object({ id: idParam });

export function registerRoleRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/roles", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZRoleQuery, request.query);
    // Domain-specific roles do not exist here: a domain filter matches nothing.
    const roles = q.domain_id ? [] : await services.roles.list(ctx, { name: q.name });
    return { roles: roles.map((r) => renderRole(links, r)), links: links.collection(request.url) };
  });

  app.post("/identity/v3/roles", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { role } = parse(ZRoleCreate, request.body);
    const created = await services.roles.create(ctx, { name: role.name, description: role.description });
    return reply.status(201).send({ role: renderRole(links, created) });
  });

  app.get("/identity/v3/roles/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { role: renderRole(links, await services.roles.get(ctx, id)) };
  });

  app.patch("/identity/v3/roles/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { role } = parse(ZRoleUpdate, request.body);
    return { role: renderRole(links, await services.roles.update(ctx, id, role)) };
  });

  app.delete("/identity/v3/roles/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await services.roles.delete(ctx, id);
    return reply.status(204).send();
  });
}
