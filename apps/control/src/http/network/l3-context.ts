import type { FastifyRequest } from "fastify";
import { isNetworkAdmin } from "../../policy/network.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import { owningProject, requestedProject } from "../../services/network/caller.ts";
import type { NetworkCaller } from "../../services/network/l3/caller.ts";
import { type NetworkRouteEnv, requireNetworkAuth } from "./route-env.ts";

export interface L3RequestContext {
  auth: AuthContext;
  caller: NetworkCaller;
}

/** Who calls, as the L3 and security group services need it: the token's project, and whether it is cloud admin. */
export function callerOf(auth: AuthContext): NetworkCaller {
  return { projectId: scopedProjectId(auth), admin: isNetworkAdmin(auth) };
}

/** Validates X-Auth-Token (401) and says who calls. */
export async function l3Context(env: NetworkRouteEnv, request: FastifyRequest): Promise<L3RequestContext> {
  const auth = await requireNetworkAuth(env, request);
  return { auth, caller: callerOf(auth) };
}

/** The project a new resource belongs to: the caller's, or (cloud admins only) the one the body names. */
export function newOwner(
  ctx: L3RequestContext,
  body: { project_id?: string | undefined; tenant_id?: string | undefined },
): string {
  return owningProject(ctx.auth, requestedProject(body));
}
