import { isCloudAdmin } from "../../policy/evaluate.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { scopedProjectId } from "../identity/auth-context.ts";
import { badRequest } from "./errors.ts";

/**
 * The project a new resource belongs to: the caller's own, or (for cloud
 * admins) the one the body names. Neutron's message when a non-admin names
 * another project is kept; a token without a project must name one.
 */
export function owningProject(ctx: AuthContext, requested: string | undefined): string {
  const own = scopedProjectId(ctx);
  if (requested !== undefined && requested !== own) {
    if (!isCloudAdmin(ctx)) {
      throw badRequest(
        "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges",
      );
    }
    return requested;
  }
  if (own === null) throw badRequest("'project_id' is required when the token is not scoped to a project");
  return own;
}

/** project_id and tenant_id are one attribute under two names; if both are given they must agree. */
export function requestedProject(body: {
  project_id?: string | undefined;
  tenant_id?: string | undefined;
}): string | undefined {
  if (body.project_id !== undefined && body.tenant_id !== undefined && body.project_id !== body.tenant_id) {
    throw badRequest("'project_id' and 'tenant_id' do not match");
  }
  return body.project_id ?? body.tenant_id;
}
