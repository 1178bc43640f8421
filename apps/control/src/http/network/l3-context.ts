import type { FastifyRequest } from "fastify";
import { isCloudAdmin } from "../../policy/evaluate.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { NetworkCaller } from "../../services/network/l3/caller.ts";
import { badRequest } from "../../services/network/l3/faults.ts";

export interface L3RequestContext {
  auth: AuthContext;
  caller: NetworkCaller;
}

/** Validates X-Auth-Token (401) and says who calls, as the network services need it. */
export async function l3Context(
  identity: IdentityServices,
  request: FastifyRequest,
): Promise<L3RequestContext> {
  const token = request.headers["x-auth-token"];
  const auth = await identity.tokens.authenticate(
    typeof token === "string" && token !== "" ? token : undefined,
  );
  return { auth, caller: { projectId: scopedProjectId(auth), admin: isCloudAdmin(auth) } };
}

/**
 * The project a new resource belongs to: the caller's, or (cloud admins
 * only) the one the body names as project_id or tenant_id.
 */
export function owningProject(
  ctx: L3RequestContext,
  body: { project_id?: string | undefined; tenant_id?: string | undefined },
): string {
  if (body.project_id !== undefined && body.tenant_id !== undefined && body.project_id !== body.tenant_id) {
    throw badRequest("resource", "'project_id' and 'tenant_id' do not match");
  }
  const requested = body.project_id ?? body.tenant_id;
  const own = ctx.caller.projectId;
  if (requested !== undefined && requested !== own) {
    if (!ctx.caller.admin) {
      throw badRequest(
        "resource",
        "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges",
      );
    }
    return requested;
  }
  if (own === null)
    throw badRequest("resource", "'project_id' is required when the token is not scoped to a project");
  return own;
}
