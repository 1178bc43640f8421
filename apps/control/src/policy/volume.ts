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
