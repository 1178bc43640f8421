import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { SYSTEM_TARGET_ID } from "../../services/identity/effective-roles.ts";
import type { GrantRef } from "../../services/identity/grants.ts";
import { idParam, parse } from "../parse.ts";
import { renderRole } from "./render.ts";
import { type RouteEnv, requireAuth } from "./route-env.ts";

// System grants have no target segment in the path.
const ZListParams = z.object({ target: idParam.optional(), actor: idParam });
const ZRoleParams = ZListParams.extend({ role: idParam });

const TARGETS = [
  { path: "projects", type: "project" },
  { path: "domains", type: "domain" },
] as const;
const ACTORS = [
  { path: "users", type: "user" },
  { path: "groups", type: "group" },
] as const;

/**
 * Role grants on projects, domains and the system, for users and groups:
 * PUT/GET/HEAD/DELETE `.../roles/{r}` and GET `.../roles`.
 */
export function registerGrantRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services, links } = env;

  const routes = (base: string, refOf: (p: { target?: string | undefined; actor: string }) => GrantRef) => {
    app.get(`${base}/roles`, async (request) => {
      const ctx = await requireAuth(env, request);
      const params = parse(ZListParams, request.params);
      const roles = await services.grants.list(ctx, refOf(params));
      return { roles: roles.map((r) => renderRole(links, r)), links: links.collection(request.url) };
    });
    app.put(`${base}/roles/:role`, async (request, reply) => {
      const ctx = await requireAuth(env, request);
      const params = parse(ZRoleParams, request.params);
      await services.grants.grant(ctx, refOf(params), params.role);
      return reply.status(204).send();
    });
    app.get(`${base}/roles/:role`, async (request, reply) => {
      const ctx = await requireAuth(env, request);
      const params = parse(ZRoleParams, request.params);
      await services.grants.check(ctx, refOf(params), params.role);
      return reply.status(204).send();
    });
    app.delete(`${base}/roles/:role`, async (request, reply) => {
      const ctx = await requireAuth(env, request);
      const params = parse(ZRoleParams, request.params);
      await services.grants.revoke(ctx, refOf(params), params.role);
      return reply.status(204).send();
    });
  };

  for (const target of TARGETS) {
    for (const actor of ACTORS) {
      routes(`/identity/v3/${target.path}/:target/${actor.path}/:actor`, (p) => ({
        targetType: target.type,
        targetId: p.target ?? "",
        actorType: actor.type,
        actorId: p.actor,
      }));
    }
  }
  for (const actor of ACTORS) {
    routes(`/identity/v3/system/${actor.path}/:actor`, (p) => ({
      targetType: "system",
      targetId: SYSTEM_TARGET_ID,
      actorType: actor.type,
      actorId: p.actor,
    }));
  }
}
