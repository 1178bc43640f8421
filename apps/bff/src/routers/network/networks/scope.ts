import type { NetworkScope } from "../../../services/network/network-dto.ts";
import { isCloudAdminSession, type SessionPayload } from "../../../session.ts";

/** The caller as network services see it: token, project, and cloud-admin rights. */
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
