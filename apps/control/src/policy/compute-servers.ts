import type { AuthContext } from "../services/identity/auth-context.ts";
import { scopedProjectId } from "../services/identity/auth-context.ts";
import { evaluate, isCloudAdmin, policyDoesNotAllow, type Rule, type RuleTable } from "./evaluate.ts";

const ADMIN: readonly Rule[] = ["cloud_admin"];
/** Nova's PROJECT_READER_OR_ADMIN. */
const READER: readonly Rule[] = ["cloud_admin", "scoped_reader"];
/** Nova's PROJECT_MEMBER_OR_ADMIN. */
const MEMBER: readonly Rule[] = ["cloud_admin", "scoped_member"];

/**
 * Nova's secure-RBAC defaults for servers: project members manage their
 * project's servers, readers read them, cloud admins do everything
 * everywhere. Servers of other projects are never "forbidden": the caller
 * must not learn they exist, so visibility (`canSeeServer`) is checked first
 * and answers 404; that is why these rules need no target project.
 */
export const SERVER_RULES = {
  "os_compute_api:servers:index": READER,
  "os_compute_api:servers:detail": READER,
  "os_compute_api:servers:index:get_all_tenants": ADMIN,
  "os_compute_api:servers:detail:get_all_tenants": ADMIN,
  "os_compute_api:servers:show": READER,
  "os_compute_api:servers:show:host_status": ADMIN,
  "os_compute_api:servers:create": MEMBER,
  "os_compute_api:servers:update": MEMBER,
  "os_compute_api:servers:delete": MEMBER,
  "os_compute_api:servers:start": MEMBER,
  "os_compute_api:servers:stop": MEMBER,
  "os_compute_api:servers:reboot": MEMBER,
  "os_compute_api:servers:rebuild": MEMBER,
  "os_compute_api:servers:resize": MEMBER,
  "os_compute_api:servers:confirm_resize": MEMBER,
  "os_compute_api:servers:revert_resize": MEMBER,
  "os_compute_api:servers:create_image": MEMBER,
  "os_compute_api:os-extended-server-attributes": ADMIN,
  "os_compute_api:os-pause-server:pause": MEMBER,
  "os_compute_api:os-pause-server:unpause": MEMBER,
  "os_compute_api:os-suspend-server:suspend": MEMBER,
  "os_compute_api:os-suspend-server:resume": MEMBER,
  "os_compute_api:os-lock-server:lock": MEMBER,
  "os_compute_api:os-lock-server:unlock": MEMBER,
  "os_compute_api:os-lock-server:unlock:unlock_override": ADMIN,
  "os_compute_api:os-console-output": MEMBER,
  "os_compute_api:os-remote-consoles": MEMBER,
  "os_compute_api:os-instance-actions:list": READER,
  "os_compute_api:os-instance-actions:show": READER,
  "os_compute_api:os-instance-actions:events:details": ADMIN,
  "os_compute_api:server-metadata:index": READER,
  "os_compute_api:server-metadata:show": READER,
  "os_compute_api:server-metadata:create": MEMBER,
  "os_compute_api:server-metadata:update": MEMBER,
  "os_compute_api:server-metadata:update_all": MEMBER,
  "os_compute_api:server-metadata:delete": MEMBER,
  "os_compute_api:ips:index": READER,
  "os_compute_api:ips:show": READER,
  "os_compute_api:os-attach-interfaces:list": READER,
  "os_compute_api:os-attach-interfaces:show": READER,
  "os_compute_api:os-attach-interfaces:create": MEMBER,
  "os_compute_api:os-attach-interfaces:delete": MEMBER,
  "os_compute_api:os-volumes-attachments:index": READER,
  "os_compute_api:os-volumes-attachments:show": READER,
  "os_compute_api:os-volumes-attachments:create": MEMBER,
  "os_compute_api:os-volumes-attachments:update": MEMBER,
  "os_compute_api:os-volumes-attachments:swap": ADMIN,
  "os_compute_api:os-volumes-attachments:delete": MEMBER,
  "os_compute_api:os-security-groups:add": MEMBER,
  "os_compute_api:os-security-groups:remove": MEMBER,
  "os_compute_api:os-security-groups:list": READER,
  "os_compute_api:os-security-groups:get": READER,
  "os_compute_api:os-security-groups:show": READER,
} as const satisfies RuleTable<string>;

/** Server actions, named after Nova's policy rules (they appear verbatim in 403 messages). */
export type ServerAction = keyof typeof SERVER_RULES;

export function isServerAllowed(ctx: AuthContext, action: ServerAction): boolean {
  return evaluate(ctx, SERVER_RULES[action]);
}

/** Throws Nova's 403 ("Policy doesn't allow … to be performed.") unless allowed. */
export function authorizeServer(ctx: AuthContext, action: ServerAction): void {
  if (!isServerAllowed(ctx, action)) throw policyDoesNotAllow(action);
}

/** Whether the caller may address a server of `projectId` at all (else 404). */
export function canSeeServer(ctx: AuthContext, projectId: string): boolean {
  return isCloudAdmin(ctx) || scopedProjectId(ctx) === projectId;
}

export function isComputeAdmin(ctx: AuthContext): boolean {
  return isCloudAdmin(ctx);
}
