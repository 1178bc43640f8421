import type { NetworkScope } from "../../../services/network/router-dto.ts";
import { isCloudAdminSession, type SessionPayload } from "../../../session.ts";

/** The caller as the network services see it: the token's project and cloud-admin rights. */
export function networkScopeOf(ctx: {
  project: { id: string };
  session: { keystone: SessionPayload };
}): NetworkScope {
  return { projectId: ctx.project.id, isAdmin: isCloudAdminSession(ctx.session.keystone) };
}
