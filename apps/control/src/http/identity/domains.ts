import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, nameField, parse, queryBool, queryString, tagList } from "../parse.ts";
import { renderDomain } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZDomainCreate = z.object({
  domain: z.object({
    id: z.string().min(1).max(64).optional(),
    name: nameField,
    description: descriptionField,
    enabled: z.boolean().optional(),
    tags: tagList.optional(),
  }),
});
const ZDomainUpdate = z.object({
  domain: z.object({
    name: nameField.optional(),
    description: descriptionField,
    enabled: z.boolean().optional(),
    tags: tagList.optional(),
  }),
});
const ZDomainQuery = z.object({ name: queryString, enabled: queryBool });
const ZParams = z.object({ id: idParam });

export function registerDomainRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/domains", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZDomainQuery, request.query);
    const domains = await services.domains.list(ctx, { name: q.name, enabled: q.enabled });
    return { domains: domains.map((d) => renderDomain(links, d)), links: links.collection(request.url) };
  });

  app.post("/identity/v3/domains", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { domain } = parse(ZDomainCreate, request.body);
    const created = await services.domains.create(ctx, domain);
    return reply.status(201).send({ domain: renderDomain(links, created) });
  });

  app.get("/identity/v3/domains/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { domain: renderDomain(links, await services.domains.get(ctx, id)) };
  });

  app.patch("/identity/v3/domains/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { domain } = parse(ZDomainUpdate, request.body);
    return { domain: renderDomain(links, await services.domains.update(ctx, id, domain)) };
  });

  app.delete("/identity/v3/domains/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await services.domains.delete(ctx, id);
    return reply.status(204).send();
  });
}
