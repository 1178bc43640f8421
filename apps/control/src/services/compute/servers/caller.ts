import type { AuthContext } from "../../identity/auth-context.ts";
import type { Requester } from "./action-log.ts";

/** Who calls a server operation: their token, project, whether they are admin, and the request id. */
export interface Caller {
  auth: AuthContext;
  projectId: string;
  admin: boolean;
  requestId: string;
}

export function requesterOf(caller: Caller, projectId = caller.projectId): Requester {
  return { requestId: caller.requestId, userId: caller.auth.user.id, projectId };
}
