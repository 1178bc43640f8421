/**
 * Nova's image API, a proxy to Glance (`/images`, `/images/detail`,
 * `/images/{id}`, `/images/{id}/metadata[/{key}]`). Upstream removed it
 * at 2.36: later microversions get 404 as there. Every call goes through
 * the image services with the caller's token, so Glance's visibility and
 * policy decide, as they do when Nova calls Glance.
 */
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ImageFilter } from "../../services/image/images.ts";
import { DEFAULT_SORT } from "../../services/image/sorting.ts";
import { idParam, parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { ComputeLinks, MAX_LIMIT, novaInt, pagingQuery, queryParam } from "./render-common.ts";
import { glanceStatusesOf, ImageRenderer } from "./render-images.ts";
import type { ComputeRouteEnv } from "./route-env.ts";
import { ZMetadata } from "./servers/schemas.ts";
import { isoTime } from "./time-query.ts";

const ZParams = z.object({ id: idParam });
const ZKeyParams = z.object({ id: idParam, key: z.string().min(1).max(255) });
const ZMetadataBody = z.object({ metadata: ZMetadata });
const ZMetaBody = z.object({ meta: ZMetadata });

/** Nova's `SUPPORTED_FILTERS` of the image proxy. */
const ZListQuery = z.object({
  name: queryParam,
  status: queryParam,
  "changes-since": queryParam.pipe(isoTime),
  server: queryParam,
  type: queryParam,
  minRam: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), novaInt(0).optional()),
  minDisk: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), novaInt(0).optional()),
  ...pagingQuery,
});

/** Upstream's `MAX_PROXY_API_SUPPORT_VERSION` is 2.35. */
async function proxyContext(
  env: ComputeRouteEnv,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ComputeRequestContext> {
  const ctx = await computeContext(env.identity, request, reply);
  if (atLeast(ctx.mv, 2, 36)) throw ZenithError.notFound("The resource could not be found.");
  return ctx;
}

function filterOf(q: z.infer<typeof ZListQuery>): ImageFilter {
  const properties: Record<string, string> = {};
  if (q.server !== undefined) properties.instance_uuid = q.server;
  if (q.type !== undefined) properties.image_type = q.type;
  return {
    names: q.name === undefined ? undefined : [q.name],
    statuses: q.status === undefined ? undefined : glanceStatusesOf(q.status),
    updatedSince: q["changes-since"],
    minRamAtLeast: q.minRam,
    minDiskAtLeast: q.minDisk,
    properties,
  };
}

export function registerComputeImageRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const { images, metadata } = env.image;
  const links = new ComputeLinks(env.publicUrl);
  const renderer = () => new ImageRenderer(links, `${env.publicUrl()}/image`);

  for (const detail of [false, true]) {
    const path = detail ? "images/detail" : "images";
    app.get(`/compute/v2.1/${path}`, async (request, reply) => {
      const ctx = await proxyContext(env, request, reply);
      const q = parse(ZListQuery, request.query);
      const limit = q.limit ?? MAX_LIMIT;
      const page = await images.list(ctx.auth, filterOf(q), { sort: DEFAULT_SORT, limit, marker: q.marker });
      const r = renderer();
      const body: Record<string, unknown> = {
        images: page.images.map((i) => (detail ? r.detail(i) : r.summary(i))),
      };
      const next = links.nextPage(path, request.query, {
        count: page.images.length,
        limit,
        marker: page.more ? page.images.at(-1)?.id : undefined,
      });
      if (next) body.images_links = next;
      return body;
    });
  }

  app.get("/compute/v2.1/images/:id", async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id } = parse(ZParams, request.params);
    return { image: renderer().detail(await images.get(ctx.auth, id)) };
  });

  app.delete("/compute/v2.1/images/:id", async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id } = parse(ZParams, request.params);
    await images.delete(ctx.auth, id);
    return reply.status(204).send();
  });

  const base = "/compute/v2.1/images/:id/metadata";
  const limitOf = async (ctx: ComputeRequestContext) =>
    (await env.compute.quotas.limits(ctx.projectId)).metadata_items;

  app.get(base, async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id } = parse(ZParams, request.params);
    return { metadata: await metadata.list(ctx.auth, id) };
  });

  for (const [method, replace] of [
    ["POST", false],
    ["PUT", true],
  ] as const) {
    app.route({
      method,
      url: base,
      handler: async (request, reply) => {
        const ctx = await proxyContext(env, request, reply);
        const { id } = parse(ZParams, request.params);
        const body = parse(ZMetadataBody, request.body);
        const limit = await limitOf(ctx);
        return { metadata: await metadata.write(ctx.auth, id, body.metadata, { replace, limit }) };
      },
    });
  }

  app.get(`${base}/:key`, async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id, key } = parse(ZKeyParams, request.params);
    return { meta: { [key]: await metadata.get(ctx.auth, id, key) } };
  });

  app.put(`${base}/:key`, async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id, key } = parse(ZKeyParams, request.params);
    const { meta } = parse(ZMetaBody, request.body);
    const keys = Object.keys(meta);
    if (keys.length > 1) throw ZenithError.badRequest("Request body contains too many items");
    const value = meta[key];
    if (value === undefined) throw ZenithError.badRequest("Request body and URI mismatch");
    await metadata.write(ctx.auth, id, { [key]: value }, { replace: false, limit: await limitOf(ctx) });
    return { meta: { [key]: value } };
  });

  app.delete(`${base}/:key`, async (request, reply) => {
    const ctx = await proxyContext(env, request, reply);
    const { id, key } = parse(ZKeyParams, request.params);
    await metadata.remove(ctx.auth, id, key);
    return reply.status(204).send();
  });
}
