import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { badRequest, tagNotFound } from "../../services/network/errors.ts";
import { idParam, parse } from "../parse.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

const MAX_TAGS = 64;
const tag = z
  .string()
  .min(1)
  .max(255)
  .refine((t) => !t.includes(",") && !t.includes("/"), { message: "Tags may not contain ',' or '/'" });
const ZParams = z.object({ id: idParam });
const ZTagParams = z.object({ id: idParam, tag });
const ZReplace = z.strictObject({ tags: z.array(tag).max(MAX_TAGS) });

/** How the tag routes read and write one collection's tags (through its own get and update, so its policy applies). */
export interface Taggable {
  plural: string;
  tagsOf(ctx: AuthContext, id: string): Promise<string[]>;
  setTags(ctx: AuthContext, id: string, tags: string[]): Promise<string[]>;
}

/**
 * Neutron's standard-attr-tag API on one collection:
 * `/<collection>/{id}/tags[/{tag}]`. Routers, floating IPs and security
 * groups register theirs the same way.
 */
export function registerTagRoutes(app: FastifyInstance, env: NetworkRouteEnv, c: Taggable): void {
  const base = `${V2}/${c.plural}/:id/tags`;

  app.get(base, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZParams, request.params);
    return { tags: await c.tagsOf(ctx, id) };
  });

  app.get(`${base}/:tag`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id, tag: wanted } = parse(ZTagParams, request.params);
    if (!(await c.tagsOf(ctx, id)).includes(wanted)) throw tagNotFound(id, wanted);
    return reply.status(204).send();
  });

  app.put(base, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const { tags } = parse(ZReplace, request.body);
    return { tags: await c.setTags(ctx, id, [...new Set(tags)]) };
  });

  app.put(`${base}/:tag`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id, tag: added } = parse(ZTagParams, request.params);
    const tags = await c.tagsOf(ctx, id);
    if (!tags.includes(added)) {
      if (tags.length >= MAX_TAGS) throw badRequest(`A resource may have at most ${MAX_TAGS} tags`);
      await c.setTags(ctx, id, [...tags, added]);
    }
    return reply.status(201).send();
  });

  app.delete(base, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZParams, request.params);
    await c.setTags(ctx, id, []);
    return reply.status(204).send();
  });

  app.delete(`${base}/:tag`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id, tag: removed } = parse(ZTagParams, request.params);
    const tags = await c.tagsOf(ctx, id);
    if (!tags.includes(removed)) throw tagNotFound(id, removed);
    await c.setTags(
      ctx,
      id,
      tags.filter((t) => t !== removed),
    );
    return reply.status(204).send();
  });
}
