import { ZenithError } from "@zenith/core/errors";
import { type AuthContext, hasRole, scopedProjectId } from "../services/identity/auth-context.ts";
import { isCloudAdmin } from "./authorize.ts";

/** Server actions, named after Nova's policy rules (they appear verbatim in 403 messages). */
export type ServerAction =
  | "os_compute_api:servers:index"
  | "os_compute_api:servers:detail"
  | "os_compute_api:servers:index:get_all_tenants"
  | "os_compute_api:servers:detail:get_all_tenants"
  | "os_compute_api:servers:show"
  | "os_compute_api:servers:show:host_status"
  | "os_compute_api:servers:create"
  | "os_compute_api:servers:update"
  | "os_compute_api:servers:delete"
  | "os_compute_api:servers:start"
  | "os_compute_api:servers:stop"
  | "os_compute_api:servers:reboot"
  | "os_compute_api:servers:rebuild"
  | "os_compute_api:servers:resize"
  | "os_compute_api:servers:confirm_resize"
  | "os_compute_api:servers:revert_resize"
  | "os_compute_api:servers:create_image"
  | "os_compute_api:os-extended-server-attributes"
  | "os_compute_api:os-pause-server:pause"
  | "os_compute_api:os-pause-server:unpause"
  | "os_compute_api:os-suspend-server:suspend"
  | "os_compute_api:os-suspend-server:resume"
  | "os_compute_api:os-lock-server:lock"
  | "os_compute_api:os-lock-server:unlock"
  | "os_compute_api:os-lock-server:unlock:unlock_override"
  | "os_compute_api:os-console-output"
  | "os_compute_api:os-remote-consoles"
  | "os_compute_api:os-instance-actions:list"
  | "os_compute_api:os-instance-actions:show"
  | "os_compute_api:os-instance-actions:events:details"
  | "os_compute_api:server-metadata:index"
  | "os_compute_api:server-metadata:show"
  | "os_compute_api:server-metadata:create"
  | "os_compute_api:server-metadata:update"
  | "os_compute_api:server-metadata:update_all"
  | "os_compute_api:server-metadata:delete";

/** Rules only a cloud admin passes (Nova's ADMIN defaults). */
const ADMIN_ONLY = new Set<ServerAction>([
  "os_compute_api:servers:index:get_all_tenants",
  "os_compute_api:servers:detail:get_all_tenants",
  "os_compute_api:servers:show:host_status",
  "os_compute_api:os-extended-server-attributes",
  "os_compute_api:os-lock-server:unlock:unlock_override",
  "os_compute_api:os-instance-actions:events:details",
]);

/** Rules a project reader passes (Nova's PROJECT_READER_OR_ADMIN). */
const READER = new Set<ServerAction>([
  "os_compute_api:servers:index",
  "os_compute_api:servers:detail",
  "os_compute_api:servers:show",
  "os_compute_api:os-instance-actions:list",
  "os_compute_api:os-instance-actions:show",
  "os_compute_api:server-metadata:index",
  "os_compute_api:server-metadata:show",
]);

/**
 * Nova's secure-RBAC defaults: project members manage their project's
 * servers, readers read them, admins do everything everywhere. Servers of
 * other projects are never "forbidden": the caller must not learn they
 * exist, so visibility (`canSeeServer`) is checked first and answers 404.
 */
export function isServerAllowed(ctx: AuthContext, action: ServerAction): boolean {
  if (isCloudAdmin(ctx)) return true;
  if (ADMIN_ONLY.has(action)) return false;
  if (scopedProjectId(ctx) === null) return false;
  return READER.has(action) ? hasRole(ctx, "reader") || hasRole(ctx, "member") : hasRole(ctx, "member");
}

/** Throws Nova's 403 ("Policy doesn't allow … to be performed.") unless allowed. */
export function authorizeServer(ctx: AuthContext, action: ServerAction): void {
  if (!isServerAllowed(ctx, action)) {
    throw new ZenithError("FORBIDDEN", `Policy doesn't allow ${action} to be performed.`);
  }
}

/** Whether the caller may address a server of `projectId` at all (else 404). */
export function canSeeServer(ctx: AuthContext, projectId: string): boolean {
  return isCloudAdmin(ctx) || scopedProjectId(ctx) === projectId;
}

export function isComputeAdmin(ctx: AuthContext): boolean {
  return isCloudAdmin(ctx);
}
