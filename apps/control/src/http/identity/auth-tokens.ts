import type { FastifyInstance, FastifyRequest } from "fastify";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { parse } from "../parse.ts";
import { ZAuthRequestSchema, ZTokenQuerySchema } from "./auth-tokens.types.ts";
import { clientAddressOf } from "./client-address.ts";
import { renderToken } from "./render.ts";
import { authTokenHeader, type RouteEnv, requireAuth, subjectTokenHeader } from "./route-env.ts";

export function registerAuthTokenRoutes(app: FastifyInstance, env: RouteEnv): void {
  const { services } = env;

  app.post("/identity/v3/auth/tokens", async (request, reply) => {
    const body = parse(ZAuthRequestSchema, request.body);
    const query = parse(ZTokenQuerySchema, request.query);
    const { identity, scope } = body.auth;
    const { tokenId, ctx } = await services.auth.issueToken({
      methods: identity.methods,
      password: identity.password,
      token: identity.token,
      applicationCredential: identity.application_credential,
      scope,
      headerToken: authTokenHeader(request),
      clientAddress: clientAddressOf(request, services.deps.config.portalSecret),
    });
    request.log.info({ userId: ctx.user.id, scope: ctx.scope.type }, "token issued");
    const catalog = query.nocatalog ? null : await services.catalog.forScope(ctx.scope);
    return reply.status(201).header("X-Subject-Token", tokenId).send(renderToken(ctx, catalog));
  });

  // HEAD is derived from GET by Fastify: same checks, no body.
  app.get("/identity/v3/auth/tokens", async (request, reply) => {
    const query = parse(ZTokenQuerySchema, request.query);
    const subject = await subjectFor(env, request, "identity:validate_token");
    const catalog = query.nocatalog ? null : await services.catalog.forScope(subject.ctx.scope);
    return reply.header("X-Subject-Token", subject.token).send(renderToken(subject.ctx, catalog));
  });

  app.delete("/identity/v3/auth/tokens", async (request, reply) => {
    const subject = await subjectFor(env, request, "identity:revoke_token");
    await services.tokens.revoke(subject.ctx.tokenHash);
    return reply.status(204).send();
  });
}

/** The caller must be valid; the subject must be valid (404 otherwise) and the caller's own or the caller an admin. */
async function subjectFor(
  env: RouteEnv,
  request: FastifyRequest,
  action: "identity:validate_token" | "identity:revoke_token",
): Promise<{ token: string; ctx: AuthContext }> {
  const caller = await requireAuth(env, request);
  const token = subjectTokenHeader(request) ?? "";
  const ctx = await env.services.tokens.validateSubject(token);
  authorize(caller, action, { userId: ctx.user.id });
  return { token, ctx };
}
