import type { FastifyInstance } from "fastify";
import { renderCatalog, renderDomain, renderProject } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

export function registerAuthScopeRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  app.get("/identity/v3/auth/projects", async (request) => {
    const ctx = await requireAuth(env, request);
    const projects = await services.authScopes.projects(ctx);
    return { projects: projects.map((p) => renderProject(links, p)), links: links.collection(request.url) };
  });

  app.get("/identity/v3/auth/domains", async (request) => {
    const ctx = await requireAuth(env, request);
    const domains = await services.authScopes.domains(ctx);
    return { domains: domains.map((d) => renderDomain(links, d)), links: links.collection(request.url) };
  });

  app.get("/identity/v3/auth/system", async (request) => {
    const ctx = await requireAuth(env, request);
    const system = await services.authScopes.system(ctx);
    return { system: system ? [{ all: true }] : [], links: links.collection(request.url) };
  });

  app.get("/identity/v3/auth/catalog", async (request) => {
    const ctx = await requireAuth(env, request);
    const catalog = await services.authScopes.catalogFor(ctx);
    return { catalog: renderCatalog(catalog), links: links.collection(request.url) };
  });
}
