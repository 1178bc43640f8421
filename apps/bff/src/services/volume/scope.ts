import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";

/** Who asks: the session's project and whether it is a cloud admin (`isCloudAdminSession`). */
export interface VolumeScope {
  token: string;
  projectId: string;
  isAdmin: boolean;
}

/** Members are refused `allProjects` outright rather than silently given their own project. */
export function assertAllProjects(scope: VolumeScope, allProjects: boolean | undefined): void {
  if (allProjects && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("volume.listAllAdminOnly"));
  }
}
