import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../parse.ts";
import { pageLinks, parseListQuery } from "./list-query.ts";
import { renderImage } from "./render.ts";
import { type ImageRouteEnv, requireImageAuth } from "./route-env.ts";

/** The media types Glance accepts for PATCH; anything else is 415. */
export const JSON_PATCH_TYPES = [
  "application/openstack-images-v2.1-json-patch",
  "application/openstack-images-v2.0-json-patch",
];

const ZParams = z.object({ id: idParam });
/** Flat attributes; which ones are writable, and their values, is the service's call. */
const ZCreate = z.record(z.string(), z.unknown());
const ZCreateId = z.object({ id: z.guid("must be a UUID").optional() });
const PATCH_OPS = ["add", "replace", "remove"] as const;

/**
 * Glance's v2.0 media type takes the older draft's shape, the operation as
 * the key (`{"replace": "/name", "value": "x"}`, what tempest sends); the
 * v2.1 shape (`{"op": "replace", "path": "/name"}`) is read the same way.
 */
function fromOpKeyed(change: unknown): unknown {
  if (typeof change !== "object" || change === null || "op" in change) return change;
  const keyed = PATCH_OPS.filter((op) => op in change);
  if (keyed.length !== 1) return change;
  const op = keyed[0] as (typeof PATCH_OPS)[number];
  const { [op]: path, ...rest } = change as Record<string, unknown>;
  return { ...rest, op, path };
}

const ZPatch = z
  .array(
    z.preprocess(
      fromOpKeyed,
      z.object({
        op: z.enum(PATCH_OPS),
        path: z.string().min(1).max(512),
        value: z.unknown().optional(),
      }),
    ),
  )
  .max(512);

export function registerImageRecordRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  const { images } = env.image;

  app.get("/image/v2/images", async (request) => {
    const ctx = await requireImageAuth(env, request);
    // The router ignores trailing slashes; for Glance `/v2/images/` names an image with an empty id.
    if (request.url.split("?")[0]?.endsWith("/")) throw ZenithError.notFound("No image found with ID ");
    const { filter, page } = parseListQuery(request.query);
    const result = await images.list(ctx, filter, page);
    const last = result.images[result.images.length - 1];
    return {
      images: result.images.map(renderImage),
      ...pageLinks(request.url, last?.id, result.more, page.limit),
      schema: "/v2/schemas/images",
    };
  });

  app.post("/image/v2/images", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id, ...attributes } = parse(ZCreate, request.body ?? {});
    const parsed = parse(ZCreateId, { id });
    const image = await images.create(ctx, { id: parsed.id, attributes });
    return reply
      .status(201)
      .header("Location", `${env.publicUrl()}/image/v2/images/${image.id}`)
      .send(renderImage(image));
  });

  app.get("/image/v2/images/:id", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return renderImage(await images.get(ctx, id));
  });

  app.patch("/image/v2/images/:id", async (request) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const type = request.headers["content-type"] ?? "";
    if (!JSON_PATCH_TYPES.some((t) => type.startsWith(t))) {
      throw new ZenithError(
        "UNSUPPORTED_MEDIA_TYPE",
        `Unsupported Content-Type '${type}': use ${JSON_PATCH_TYPES[0]}`,
      );
    }
    const ops = parse(ZPatch, request.body);
    return renderImage(await images.update(ctx, id, ops));
  });

  app.delete("/image/v2/images/:id", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await images.delete(ctx, id);
    return reply.status(204).send();
  });
}
