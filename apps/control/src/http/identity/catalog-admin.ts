import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { descriptionField, idParam, parse, queryBool, queryString } from "../parse.ts";
import { renderEndpoint, renderRegion, renderService } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

const ZServiceCreate = z.object({
  service: z.object({
    type: z.string().min(1).max(255),
    name: z.string().max(255).optional(),
    description: descriptionField,
    enabled: z.boolean().optional(),
  }),
});
const ZServiceUpdate = z.object({ service: ZServiceCreate.shape.service.partial() });
const iface = z.enum(["public", "internal", "admin"]);
const ZEndpointCreate = z.object({
  endpoint: z.object({
    service_id: z.string().min(1),
    interface: iface,
    url: z.string().min(1).max(1024),
    region_id: z.string().min(1).nullable().optional(),
    // Keystone's older clients send `region` instead of `region_id`.
    region: z.string().min(1).nullable().optional(),
    enabled: z.boolean().optional(),
  }),
});
const ZEndpointUpdate = z.object({ endpoint: ZEndpointCreate.shape.endpoint.partial() });
const ZRegionCreate = z.object({
  region: z.object({
    id: z.string().min(1).max(255).optional(),
    description: descriptionField,
    parent_region_id: z.string().min(1).nullable().optional(),
  }),
});
const ZRegionUpdate = z.object({ region: ZRegionCreate.shape.region.omit({ id: true }) });
const ZParams = z.object({ id: idParam });

export function registerCatalogAdminRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;
  const svc = services.catalogAdmin;

  app.get("/identity/v3/services", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(z.object({ type: queryString, name: queryString }), request.query);
    const list = await svc.listServices(ctx, q);
    return { services: list.map((s) => renderService(links, s)), links: links.collection(request.url) };
  });
  app.post("/identity/v3/services", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { service } = parse(ZServiceCreate, request.body);
    return reply.status(201).send({ service: renderService(links, await svc.createService(ctx, service)) });
  });
  app.get("/identity/v3/services/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { service: renderService(links, await svc.getService(ctx, id)) };
  });
  app.patch("/identity/v3/services/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { service } = parse(ZServiceUpdate, request.body);
    return { service: renderService(links, await svc.updateService(ctx, id, service)) };
  });
  app.delete("/identity/v3/services/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await svc.deleteService(ctx, id);
    return reply.status(204).send();
  });

  app.get("/identity/v3/endpoints", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(
      z.object({
        interface: queryString,
        service_id: queryString,
        region_id: queryString,
        enabled: queryBool,
      }),
      request.query,
    );
    const list = await svc.listEndpoints(ctx, {
      interface: q.interface,
      serviceId: q.service_id,
      regionId: q.region_id,
    });
    return { endpoints: list.map((e) => renderEndpoint(links, e)), links: links.collection(request.url) };
  });
  app.post("/identity/v3/endpoints", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { endpoint: e } = parse(ZEndpointCreate, request.body);
    const created = await svc.createEndpoint(ctx, {
      serviceId: e.service_id,
      interface: e.interface,
      url: e.url,
      regionId: e.region_id ?? e.region,
      enabled: e.enabled,
    });
    return reply.status(201).send({ endpoint: renderEndpoint(links, created) });
  });
  app.get("/identity/v3/endpoints/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { endpoint: renderEndpoint(links, await svc.getEndpoint(ctx, id)) };
  });
  app.patch("/identity/v3/endpoints/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { endpoint: e } = parse(ZEndpointUpdate, request.body);
    const updated = await svc.updateEndpoint(ctx, id, {
      serviceId: e.service_id,
      interface: e.interface,
      url: e.url,
      regionId: e.region_id ?? e.region,
      enabled: e.enabled,
    });
    return { endpoint: renderEndpoint(links, updated) };
  });
  app.delete("/identity/v3/endpoints/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await svc.deleteEndpoint(ctx, id);
    return reply.status(204).send();
  });

  app.get("/identity/v3/regions", async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(z.object({ parent_region_id: queryString }), request.query);
    const list = await svc.listRegions(ctx, { parentRegionId: q.parent_region_id });
    return { regions: list.map((r) => renderRegion(links, r)), links: links.collection(request.url) };
  });
  app.post("/identity/v3/regions", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { region } = parse(ZRegionCreate, request.body);
    const created = await svc.createRegion(ctx, {
      id: region.id,
      description: region.description,
      parentRegionId: region.parent_region_id,
    });
    return reply.status(201).send({ region: renderRegion(links, created) });
  });
  app.get("/identity/v3/regions/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { region: renderRegion(links, await svc.getRegion(ctx, id)) };
  });
  app.patch("/identity/v3/regions/:id", async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { region } = parse(ZRegionUpdate, request.body);
    const updated = await svc.updateRegion(ctx, id, {
      description: region.description,
      parentRegionId: region.parent_region_id,
    });
    return { region: renderRegion(links, updated) };
  });
  app.delete("/identity/v3/regions/:id", async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await svc.deleteRegion(ctx, id);
    return reply.status(204).send();
  });
}
