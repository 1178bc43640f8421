import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryBool, queryString, tagList } from "../parse.ts";
import { renderProject } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZProjectCreate = z.object({
  project: z.object({
    name: nameField,
    domain_id: z.string().min(1).nullable().optional(),
    description: descriptionField,
    enabled: z.boolean().optional(),
    parent_id: z.string().min(1).nullable().optional(),
    is_domain: z.literal(false).optional(),
    tags: tagList.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
});
const ZProjectUpdate = z.object({
  project: z.object({
    name: nameField.optional(),
    description: descriptionField,
    enabled: z.boolean().optional(),
    tags: tagList.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
});
const commaList = z
  .string()
  .transform((v) => v.split(",").filter((t) => t !== ""))
  .optional();
const ZProjectQuery = z.object({
  name: queryString,
  domain_id: queryString,
  enabled: queryBool,
  parent_id: queryString,
  tags: commaList,
  "tags-any": commaList,
});
const ZParams = z.object({ id: idParam });
const ZTagParams = z.object({ id: idParam, tag: z.string().min(1).max(255) });
const ZTags = z.object({ tags: tagList });

export function registerProjectRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/projects", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZProjectQuery, request.query);
    const projects = await services.projects.list(ctx, {
      name: q.name,
      domainId: q.domain_id,
      enabled: q.enabled,
      parentId: q.parent_id,
      tags: q.tags,
      tagsAny: q["tags-any"],
    });
    return { projects: projects.map((p) => renderProject(links, p)), links: links.collection(request.url) };
  });

  app.post("/identity/v3/projects", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { project } = parse(ZProjectCreate, request.body);
    const created = await services.projects.create(ctx, {
      name: project.name,
      domainId: project.domain_id ?? undefined,
      description: project.description,
      enabled: project.enabled,
      parentId: project.parent_id,
      tags: project.tags,
    });
    return reply.status(201).send({ project: renderProject(links, created) });
  });

  app.get("/identity/v3/projects/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { project: renderProject(links, await services.projects.get(ctx, id)) };
  });

  app.patch("/identity/v3/projects/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { project } = parse(ZProjectUpdate, request.body);
    return { project: renderProject(links, await services.projects.update(ctx, id, project)) };
  });

  app.delete("/identity/v3/projects/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await services.projects.delete(ctx, id);
    return reply.status(204).send();
  });

  app.get("/identity/v3/projects/:id/tags", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { tags: await services.projects.listTags(ctx, id) };
  });

  app.put("/identity/v3/projects/:id/tags", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { tags } = parse(ZTags, request.body);
    return { tags: await services.projects.setTags(ctx, id, tags) };
  });

  app.get("/identity/v3/projects/:id/tags/:tag", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, tag } = parse(ZTagParams, request.params);
    await services.projects.hasTag(ctx, id, tag);
    return reply.status(204).send();
  });

  app.put("/identity/v3/projects/:id/tags/:tag", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, tag } = parse(ZTagParams, request.params);
    await services.projects.addTag(ctx, id, tag);
    return reply.status(201).send();
  });

  app.delete("/identity/v3/projects/:id/tags/:tag", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id, tag } = parse(ZTagParams, request.params);
    await services.projects.removeTag(ctx, id, tag);
    return reply.status(204).send();
  });
}
