import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute, isComputeAdmin } from "../../policy/compute.ts";
import { FLAVOR_SORT_KEYS, type FlavorViewer } from "../../services/compute/flavors.ts";
import { idParam, parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { ComputeLinks, MAX_LIMIT, novaBool, novaInt, pagingQuery, queryParam } from "./render-common.ts";
import { renderFlavor, renderFlavorSummary } from "./render-flavors.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/** Nova's flavor id: a short string of safe characters (or a number, stored as its string). */
const flavorId = z.union([
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^(?! )[a-zA-Z0-9. _-]+(?<! )$/, "must be letters, digits, '.', '_', '-' or inner spaces"),
  z.number().transform(String),
]);

const flavorName = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => v.trim() === v, "may not start or end with whitespace");

const ZFlavorCreate = z.strictObject({
  name: flavorName,
  id: flavorId.nullable().optional(),
  ram: novaInt(1),
  vcpus: novaInt(1),
  disk: novaInt(0),
  "OS-FLV-EXT-DATA:ephemeral": novaInt(0).optional(),
  swap: z.union([novaInt(0), z.literal("").transform(() => 0)]).optional(),
  rxtx_factor: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^[0-9.]+$/)
        .transform(Number),
    ])
    .pipe(z.number().gt(0).max(3.40282e38))
    .optional(),
  "os-flavor-access:is_public": novaBool.optional(),
});
/** 2.55 added descriptions; before, the key is unknown and rejected. */
const ZFlavorCreate255 = ZFlavorCreate.extend({ description: z.string().max(65_535).nullable().optional() });

function parseCreate(mv: Microversion, body: unknown): z.infer<typeof ZFlavorCreate255> {
  return atLeast(mv, 2, 55)
    ? parse(z.strictObject({ flavor: ZFlavorCreate255 }), body).flavor
    : parse(z.strictObject({ flavor: ZFlavorCreate }), body).flavor;
}

const ZUpdate = z.strictObject({
  flavor: z.strictObject({ description: z.string().max(65_535).nullable() }),
});

/** `is_public`: absent → public only; "None" → all (admins); otherwise a strict boolean. */
const isPublicFilter = queryParam.transform((v, ctx) => {
  if (v === undefined) return true;
  if (v.toLowerCase() === "none") return null;
  const parsed = novaBool.safeParse(v);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: `Invalid is_public filter [${v}]` });
    return z.NEVER;
  }
  return parsed.data;
});

function intFilter(name: string) {
  return queryParam
    .refine((v) => v === undefined || /^[0-9]+$/.test(v), `Invalid ${name} filter`)
    .transform((v) => (v === undefined ? undefined : Number(v)));
}

const ZListQuery = z.object({
  is_public: isPublicFilter,
  minRam: intFilter("minRam"),
  minDisk: intFilter("minDisk"),
  sort_key: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.enum(FLAVOR_SORT_KEYS).optional()),
  sort_dir: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.enum(["asc", "desc"]).optional()),
  ...pagingQuery,
});

export const ZFlavorParams = z.object({ id: idParam });

export function flavorViewer(ctx: ComputeRequestContext): FlavorViewer {
  return { projectId: ctx.projectId, isAdmin: isComputeAdmin(ctx) };
}

export function registerFlavorRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const flavors = env.compute.inventory.flavors;
  const links = new ComputeLinks(env.publicUrl);

  for (const detail of [false, true]) {
    const path = detail ? "flavors/detail" : "flavors";
    app.get(`/compute/v2.1/${path}`, async (request, reply) => {
      const ctx = await computeContext(env.identity, request, reply);
      const q = parse(ZListQuery, request.query);
      const limit = q.limit ?? MAX_LIMIT;
      const rows = await flavors.list(flavorViewer(ctx), {
        isPublic: q.is_public,
        minRam: q.minRam,
        minDisk: q.minDisk,
        sortKey: q.sort_key ?? "flavorid",
        sortDir: q.sort_dir ?? "asc",
        limit,
        marker: q.marker,
      });
      const next = links.nextPage(path, request.query, {
        count: rows.length,
        limit,
        marker: rows.at(-1)?.id,
      });
      return {
        flavors: rows.map((f) =>
          detail ? renderFlavor(links, f, ctx.mv) : renderFlavorSummary(links, f, ctx.mv),
        ),
        ...(next ? { flavors_links: next } : {}),
      };
    });
  }

  app.get("/compute/v2.1/flavors/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { id } = parse(ZFlavorParams, request.params);
    return { flavor: renderFlavor(links, await flavors.get(flavorViewer(ctx), id), ctx.mv) };
  });

  app.post("/compute/v2.1/flavors", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-manage:create");
    const flavor = parseCreate(ctx.mv, request.body);
    const created = await flavors.create({
      id: flavor.id ?? null,
      name: flavor.name,
      ram: flavor.ram,
      vcpus: flavor.vcpus,
      disk: flavor.disk,
      ephemeral: flavor["OS-FLV-EXT-DATA:ephemeral"] ?? 0,
      swap: flavor.swap ?? 0,
      rxtxFactor: flavor.rxtx_factor ?? 1,
      isPublic: flavor["os-flavor-access:is_public"] ?? true,
      description: flavor.description ?? null,
    });
    return reply.status(200).send({ flavor: renderFlavor(links, created, ctx.mv) });
  });

  app.put("/compute/v2.1/flavors/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    // Flavor update (description only) exists from 2.55.
    if (!atLeast(ctx.mv, 2, 55)) throw ZenithError.notFound("The resource could not be found.");
    authorizeCompute(ctx, "os_compute_api:os-flavor-manage:update");
    const { id } = parse(ZFlavorParams, request.params);
    const { flavor } = parse(ZUpdate, request.body);
    const updated = await flavors.updateDescription(flavorViewer(ctx), id, flavor.description);
    return { flavor: renderFlavor(links, updated, ctx.mv) };
  });

  app.delete("/compute/v2.1/flavors/:id", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    authorizeCompute(ctx, "os_compute_api:os-flavor-manage:delete");
    const { id } = parse(ZFlavorParams, request.params);
    await flavors.delete(id);
    return reply.status(202).send();
  });
}
