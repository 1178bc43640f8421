import type { VolumeScope } from "../../services/volume/scope.ts";
import { isCloudAdminSession, type SessionPayload } from "../../session.ts";

/** The caller as volume services see it: admin means cloud admin, as the control plane decides. */
export function volumeScopeOf(ctx: {
  session: { keystone: SessionPayload };
  project: { id: string };
}): VolumeScope {
  return {
    token: ctx.session.keystone.token,
    projectId: ctx.project.id,
    isAdmin: isCloudAdminSession(ctx.session.keystone),
  };
}
