import { ZenithError } from "@zenith/core/errors";
import type { AuthContext } from "../services/identity/auth-context.ts";
import { isCloudAdmin } from "./authorize.ts";

/** Agent administration (enrolling hosts): cloud admins only. */
export type AgentAction = "zenith:agents:create_join_token" | "zenith:agents:revoke_credential";

export function authorizeAgentAdmin(ctx: AuthContext, action: AgentAction): void {
  if (!isCloudAdmin(ctx)) {
    throw new ZenithError("FORBIDDEN", `Policy doesn't allow ${action} to be performed.`);
  }
}
