import type { AuthContext } from "../services/identity/auth-context.ts";
import { evaluate, isCloudAdmin, policyDoesNotAllow, type Rule, type RuleTable } from "./evaluate.ts";

/**
 * Cinder's default rules (cinder/policies/*.py, the "secure RBAC"
 * defaults), reduced to this cloud's roles (admin ⊃ member ⊃ reader,
 * already expanded in the token):
 * - ADMIN: cloud admin only;
 * - PROJECT_READER: cloud admin, or a reader of the target project;
 * - ANY: any project-scoped token (what each caller then sees is scoped by the services).
 * Names are Cinder's: they appear verbatim in 403 messages.
 */
const ADMIN: readonly Rule[] = ["cloud_admin"];
const PROJECT_READER: readonly Rule[] = ["cloud_admin", "project_reader"];
const ANY: readonly Rule[] = ["cloud_admin", "scoped"];

export const VOLUME_RULES = {
  // Volume types (cinder/policies/volume_type.py, type_extra_specs.py, volume_access.py).
  "volume_extension:type_get": ANY,
  "volume_extension:type_get_all": ANY,
  "volume_extension:type_create": ADMIN,
  "volume_extension:type_update": ADMIN,
  "volume_extension:type_delete": ADMIN,
  "volume_extension:types_extra_specs:index": ANY,
  "volume_extension:types_extra_specs:show": ANY,
  "volume_extension:types_extra_specs:create": ADMIN,
  "volume_extension:types_extra_specs:update": ADMIN,
  "volume_extension:types_extra_specs:delete": ADMIN,
  "volume_extension:volume_type_access:addProjectAccess": ADMIN,
  "volume_extension:volume_type_access:removeProjectAccess": ADMIN,
  "volume_extension:volume_type_access:get_all_for_type": ADMIN,
  // Availability zones, quotas, limits.
  "volume_extension:availability_zone_list": ANY,
  "volume_extension:quotas:show": PROJECT_READER,
  "volume_extension:quotas:update": ADMIN,
  "volume_extension:quotas:delete": ADMIN,
  "volume_extension:quota_classes": ADMIN,
  "limits_extension:used_limits": ANY,
  // Volumes (cinder/policies/volumes.py, volume_actions.py, volume_metadata.py): members act on their
  // project's volumes (the services scope every lookup); admins on any.
  "volume:create": ANY,
  "volume:get": ANY,
  "volume:get_all": ANY,
  "volume:update": ANY,
  "volume:delete": ANY,
  "volume:force_delete": ADMIN,
  "volume:extend": ANY,
  "volume:update_readonly_flag": ANY,
  "volume:attach": ANY,
  "volume:detach": ANY,
  "volume:reserve_volume": ANY,
  "volume:unreserve_volume": ANY,
  "volume:begin_detaching": ANY,
  "volume:roll_detaching": ANY,
  "volume_extension:volume_actions:upload_image": ANY,
  "volume_extension:volume_admin_actions:reset_status": ADMIN,
  "volume:get_volume_metadata": ANY,
  "volume:update_volume_metadata": ANY,
  "volume:delete_volume_metadata": ANY,
  "volume_extension:volume_host_attribute": ADMIN,
  "volume_extension:volume_tenant_attribute": ANY,
  "volume_extension:volume_image_metadata:show": ANY,
  "volume_extension:volume_image_metadata:set": ANY,
  "volume_extension:volume_image_metadata:remove": ANY,
  "volume:get_all_for_all_projects": ADMIN,
  // Snapshots (cinder/policies/snapshots.py, snapshot_actions.py, snapshot_metadata.py).
  "volume:create_snapshot": ANY,
  "volume:get_snapshot": ANY,
  "volume:get_all_snapshots": ANY,
  "volume:update_snapshot": ANY,
  "volume:delete_snapshot": ANY,
  "volume_extension:snapshot_admin_actions:reset_status": ADMIN,
  "volume_extension:snapshot_admin_actions:force_delete": ADMIN,
  "volume:get_snapshot_metadata": ANY,
  "volume:update_snapshot_metadata": ANY,
  "volume:delete_snapshot_metadata": ANY,
  // Attachments (cinder/policies/attachments.py).
  "volume:attachment_create": ANY,
  "volume:attachment_update": ANY,
  "volume:attachment_delete": ANY,
  "volume:attachment_complete": ANY,
  "volume:attachment_get": ANY,
  "volume:attachment_get_all": ANY,
  // Backups (cinder/policies/backups.py, backup_actions.py) and transfers (volume_transfer.py).
  "backup:create": ANY,
  "backup:get": ANY,
  "backup:get_all": ANY,
  "backup:delete": ANY,
  "backup:restore": ANY,
  "backup:update": ANY,
  "backup:backup-get_all_for_all_projects": ADMIN,
  "volume_extension:backup_admin_actions:reset_status": ADMIN,
  "volume_extension:backup_admin_actions:force_delete": ADMIN,
  "volume:create_transfer": ANY,
  "volume:accept_transfer": ANY,
  "volume:delete_transfer": ANY,
  "volume:get_transfer": ANY,
  "volume:get_all_transfers": ANY,
  // Services and pools (admins only).
  "volume_extension:services:index": ADMIN,
  "volume_extension:services:update": ADMIN,
  "scheduler_extension:scheduler_stats:get_pools": ADMIN,
  // Cinder checks no policy for the extension list (any token); named here so the table stays complete.
  "volume_extension:extensions": ANY,
} as const satisfies RuleTable<string>;

export type VolumeAction = keyof typeof VOLUME_RULES;

/** What the action touches; project rules compare it with the token. */
export interface VolumeTarget {
  projectId?: string;
}

/** Handlers pass their request context (it carries the token's context) or the token's context itself. */
type Caller = AuthContext | { auth: AuthContext };

function authOf(ctx: Caller): AuthContext {
  return "auth" in ctx ? ctx.auth : ctx;
}

export function isVolumeAllowed(ctx: Caller, action: VolumeAction, target: VolumeTarget = {}): boolean {
  return evaluate(authOf(ctx), VOLUME_RULES[action], target);
}

/** Throws Cinder's 403 ("Policy doesn't allow … to be performed.") unless the action is allowed. */
export function authorizeVolume(ctx: Caller, action: VolumeAction, target: VolumeTarget = {}): void {
  if (!isVolumeAllowed(ctx, action, target)) throw policyDoesNotAllow(action);
}

/** Cinder's `context.is_admin`: decides visibility (private types, other projects' rows). */
export function isVolumeAdmin(ctx: Caller): boolean {
  return isCloudAdmin(authOf(ctx));
}
