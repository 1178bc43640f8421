import type { FastifyRequest } from "fastify";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { Links } from "./render.ts";

/** What every identity route module receives. */
export interface RouteEnv {
  services: IdentityServices;
  links: Links;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function authTokenHeader(request: FastifyRequest): string | undefined {
  return header(request, "x-auth-token");
}

export function subjectTokenHeader(request: FastifyRequest): string | undefined {
  return header(request, "x-subject-token");
}

/**
 * Validates X-Auth-Token (401 otherwise) and tags the request's logger with
 * who is calling.
 */
export async function requireAuth(env: RouteEnv, request: FastifyRequest): Promise<AuthContext> {
  const ctx = await env.services.tokens.authenticate(authTokenHeader(request));
  request.log = request.log.child({ userId: ctx.user.id, projectId: scopedProjectId(ctx) });
  return ctx;
}
