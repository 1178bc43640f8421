import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeCompute } from "../../policy/compute.ts";
import { parse } from "../parse.ts";
import { type ComputeRequestContext, computeContext } from "./context.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { ComputeLinks, MAX_LIMIT, pagingQuery, queryParam } from "./render-common.ts";
import { renderCreatedKeyPair, renderKeyPair, renderKeyPairEntry } from "./render-keypairs.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

const ZCreate = z.strictObject({
  name: z.string().min(1).max(255),
  public_key: z.string().min(1).max(65_535).optional(),
});
/** 2.2 added `type`, 2.10 `user_id` (admins create for others); earlier they are unknown keys. */
const ZCreate22 = ZCreate.extend({ type: z.enum(["ssh", "x509"]).optional() });
const ZCreate210 = ZCreate22.extend({ user_id: z.string().min(1).max(255).optional() });

function parseCreate(mv: Microversion, body: unknown): z.infer<typeof ZCreate210> {
  if (atLeast(mv, 2, 10)) return parse(z.strictObject({ keypair: ZCreate210 }), body).keypair;
  if (atLeast(mv, 2, 2)) return parse(z.strictObject({ keypair: ZCreate22 }), body).keypair;
  return parse(z.strictObject({ keypair: ZCreate }), body).keypair;
}

const ZUserQuery = z.object({ user_id: queryParam });
const ZListQuery = z.object({ user_id: queryParam, ...pagingQuery });
const ZParams = z.object({ name: z.string().min(1).max(255) });

/** Whose key pairs: the caller's, or (2.10+, admin by policy) the `user_id` asked for. */
function targetUser(ctx: ComputeRequestContext, userId: string | undefined): string {
  return atLeast(ctx.mv, 2, 10) && userId !== undefined ? userId : ctx.auth.user.id;
}

export function registerKeyPairRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const keypairs = env.compute.inventory.keypairs;
  const links = new ComputeLinks(env.publicUrl);

  app.get("/compute/v2.1/os-keypairs", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const q = parse(ZListQuery, request.query);
    const userId = targetUser(ctx, q.user_id);
    authorizeCompute(ctx, "os_compute_api:os-keypairs:index", { userId });
    // Paging arrived at 2.35; before, limit and marker are ignored.
    const paged = atLeast(ctx.mv, 2, 35);
    const limit = paged ? (q.limit ?? MAX_LIMIT) : Number.MAX_SAFE_INTEGER;
    const rows = await keypairs.list(userId, limit, paged ? q.marker : undefined);
    const next = paged
      ? links.nextPage("os-keypairs", request.query, { count: rows.length, limit, marker: rows.at(-1)?.name })
      : undefined;
    return {
      keypairs: rows.map((k) => renderKeyPairEntry(k, ctx.mv)),
      ...(next ? { keypairs_links: next } : {}),
    };
  });

  app.get("/compute/v2.1/os-keypairs/:name", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { name } = parse(ZParams, request.params);
    const userId = targetUser(ctx, parse(ZUserQuery, request.query).user_id);
    authorizeCompute(ctx, "os_compute_api:os-keypairs:show", { userId });
    return { keypair: renderKeyPair(await keypairs.get(userId, name), ctx.mv) };
  });

  app.post("/compute/v2.1/os-keypairs", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const keypair = parseCreate(ctx.mv, request.body);
    const userId = targetUser(ctx, keypair.user_id);
    authorizeCompute(ctx, "os_compute_api:os-keypairs:create", { userId });
    const { row, privateKey } = await keypairs.create({
      userId,
      projectId: ctx.projectId,
      name: keypair.name,
      type: keypair.type ?? "ssh",
      publicKey: keypair.public_key,
    });
    // 2.2 made creation a proper 201.
    return reply
      .status(atLeast(ctx.mv, 2, 2) ? 201 : 200)
      .send({ keypair: renderCreatedKeyPair(row, privateKey, ctx.mv) });
  });

  app.delete("/compute/v2.1/os-keypairs/:name", async (request, reply) => {
    const ctx = await computeContext(env.identity, request, reply);
    const { name } = parse(ZParams, request.params);
    const userId = targetUser(ctx, parse(ZUserQuery, request.query).user_id);
    authorizeCompute(ctx, "os_compute_api:os-keypairs:delete", { userId });
    await keypairs.delete(userId, name);
    return reply.status(atLeast(ctx.mv, 2, 2) ? 204 : 202).send();
  });
}
