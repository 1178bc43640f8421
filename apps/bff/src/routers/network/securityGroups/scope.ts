import type { NetworkScope } from "../../../services/network/secfip-common.ts";
import { isCloudAdminSession, type SessionPayload } from "../../../session.ts";

/** The caller as network services see it: admin means cloud admin, as the control plane decides. */
export function networkScopeOf(ctx: {
  session: { keystone: SessionPayload };
  project: { id: string };
}): NetworkScope {
  return {
    token: ctx.session.keystone.token,
    projectId: ctx.project.id,
    isAdmin: isCloudAdminSession(ctx.session.keystone),
  };
}
