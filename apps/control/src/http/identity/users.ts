import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryBool, queryString } from "../parse.ts";
import { renderGroup, renderProject, renderUser } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const password = z.string().min(1).max(4096);
const options = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const ZUserCreate = z.object({
  user: z.object({
    name: nameField,
    domain_id: z.string().min(1).nullable().optional(),
    password: password.nullable().optional(),
    enabled: z.boolean().optional(),
    email: z.string().max(255).nullable().optional(),
    description: descriptionField,
    default_project_id: z.string().min(1).nullable().optional(),
    options: options.optional(),
  }),
});
const ZUserUpdate = z.object({
  user: z.object({
    name: nameField.optional(),
    password: password.nullable().optional(),
    enabled: z.boolean().optional(),
    email: z.string().max(255).nullable().optional(),
    description: descriptionField,
    default_project_id: z.string().min(1).nullable().optional(),
    options: options.optional(),
  }),
});
const ZPasswordChange = z.object({ user: z.object({ original_password: z.string().max(4096), password }) });
const ZUserQuery = z.object({ name: queryString, domain_id: queryString, enabled: queryBool });
const ZParams = z.object({ id: idParam });

export function registerUserRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/users", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZUserQuery, request.query);
    const users = await services.users.list(ctx, { name: q.name, domainId: q.domain_id, enabled: q.enabled });
    return { users: users.map((u) => renderUser(links, u)), links: links.collection(request.url) };
  });

  app.post("/identity/v3/users", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { user } = parse(ZUserCreate, request.body);
    const created = await services.users.create(ctx, {
      name: user.name,
      domainId: user.domain_id ?? undefined,
      password: user.password,
      enabled: user.enabled,
      email: user.email,
      description: user.description,
      defaultProjectId: user.default_project_id,
      options: user.options,
    });
    return reply.status(201).send({ user: renderUser(links, created) });
  });

  app.get("/identity/v3/users/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { user: renderUser(links, await services.users.get(ctx, id)) };
  });

  app.patch("/identity/v3/users/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { user } = parse(ZUserUpdate, request.body);
    const updated = await services.users.update(ctx, id, {
      name: user.name,
      password: user.password,
      enabled: user.enabled,
      email: user.email,
      description: user.description,
      defaultProjectId: user.default_project_id,
      options: user.options,
    });
    return { user: renderUser(links, updated) };
  });

  app.delete("/identity/v3/users/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await services.users.delete(ctx, id);
    return reply.status(204).send();
  });

  app.post("/identity/v3/users/:id/password", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { user } = parse(ZPasswordChange, request.body);
    await services.users.changePassword(ctx, id, user.original_password, user.password);
    return reply.status(204).send();
  });

  app.get("/identity/v3/users/:id/projects", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const projects = await services.users.listProjects(ctx, id);
    return { projects: projects.map((p) => renderProject(links, p)), links: links.collection(request.url) };
  });

  app.get("/identity/v3/users/:id/groups", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const groups = await services.users.listGroups(ctx, id);
    return { groups: groups.map((g) => renderGroup(links, g)), links: links.collection(request.url) };
  });
}
