import { ZenithError } from "@zenith/core/errors";
import type { ComputeRequestContext } from "../http/compute/context.ts";
import { type AuthContext, hasRole, scopedProjectId } from "../services/identity/auth-context.ts";
import { isCloudAdmin } from "./authorize.ts";

/**
 * Nova's default rules (nova/policies/base.py), reduced to this cloud's
 * roles (admin ⊃ member ⊃ reader, already expanded in the token):
 * - `admin`: cloud admin only;
 * - `project_reader`: admin, or a reader of the target project;
 * - `project_member`: admin, or a member of the target project;
 * - `owner`: admin, or the user the resource belongs to (key pairs);
 * - `any`: any valid project-scoped token.
 */
export type ComputeRule = "admin" | "project_reader" | "project_member" | "owner" | "any";

/** What the action touches; owner rules compare it with the token. */
export interface ComputeTarget {
  projectId?: string;
  userId?: string;
}

/** Inventory actions named as Nova's policies (they appear verbatim in 403 messages). */
export const INVENTORY_RULES = {
  "os_compute_api:os-flavor-manage:create": "admin",
  "os_compute_api:os-console-auth-tokens": "admin",
  "os_compute_api:os-flavor-manage:update": "admin",
  "os_compute_api:os-flavor-manage:delete": "admin",
  "os_compute_api:os-flavor-extra-specs:index": "any",
  "os_compute_api:os-flavor-extra-specs:show": "any",
  "os_compute_api:os-flavor-extra-specs:create": "admin",
  "os_compute_api:os-flavor-extra-specs:update": "admin",
  "os_compute_api:os-flavor-extra-specs:delete": "admin",
  "os_compute_api:os-flavor-access": "admin",
  "os_compute_api:os-flavor-access:add_tenant_access": "admin",
  "os_compute_api:os-flavor-access:remove_tenant_access": "admin",
  "os_compute_api:os-keypairs:index": "owner",
  "os_compute_api:os-keypairs:show": "owner",
  "os_compute_api:os-keypairs:create": "owner",
  "os_compute_api:os-keypairs:delete": "owner",
  "os_compute_api:os-availability-zone:list": "any",
  "os_compute_api:os-availability-zone:detail": "admin",
  "os_compute_api:os-aggregates:index": "admin",
  "os_compute_api:os-services:list": "admin",
  "os_compute_api:os-services:update": "admin",
  "os_compute_api:os-services:delete": "admin",
  "os_compute_api:os-hypervisors:list": "admin",
  "os_compute_api:os-hypervisors:list-detail": "admin",
  "os_compute_api:os-hypervisors:show": "admin",
  "os_compute_api:os-hypervisors:statistics": "admin",
  "os_compute_api:os-hypervisors:uptime": "admin",
  "os_compute_api:os-hypervisors:search": "admin",
  "os_compute_api:os-hypervisors:servers": "admin",
  "os_compute_api:limits": "any",
  "os_compute_api:limits:other_project": "admin",
  "os_compute_api:os-quota-sets:show": "project_reader",
  "os_compute_api:os-quota-sets:detail": "project_reader",
  "os_compute_api:os-quota-sets:defaults": "any",
  "os_compute_api:os-quota-sets:update": "admin",
  "os_compute_api:os-quota-sets:delete": "admin",
  "os_compute_api:os-quota-class-sets:show": "admin",
  "os_compute_api:os-quota-class-sets:update": "admin",
  "os_compute_api:os-simple-tenant-usage:show": "project_reader",
  "os_compute_api:os-simple-tenant-usage:list": "admin",
} as const satisfies Record<string, ComputeRule>;

const RULES = new Map<string, ComputeRule>(Object.entries(INVENTORY_RULES));

/**
 * Lets other compute modules (servers) add their rules in their own file;
 * an inventory rule cannot be overridden by accident.
 */
export function addComputeRules(rules: Record<string, ComputeRule>): void {
  for (const [action, rule] of Object.entries(rules)) {
    if (RULES.has(action) && RULES.get(action) !== rule) {
      throw new Error(`compute policy ${action} is already defined`);
    }
    RULES.set(action, rule);
  }
}

function authOf(ctx: ComputeRequestContext | AuthContext): AuthContext {
  return "auth" in ctx ? ctx.auth : ctx;
}

export function evaluateComputeRule(
  ctx: ComputeRequestContext | AuthContext,
  rule: ComputeRule,
  target: ComputeTarget = {},
): boolean {
  const auth = authOf(ctx);
  if (isCloudAdmin(auth)) return true;
  const project = scopedProjectId(auth);
  switch (rule) {
    case "admin":
      return false;
    case "any":
      return project !== null;
    case "owner":
      return target.userId !== undefined && target.userId === auth.user.id;
    case "project_reader":
      return project !== null && target.projectId === project && hasRole(auth, "reader");
    case "project_member":
      return project !== null && target.projectId === project && hasRole(auth, "member");
  }
}

export function isComputeAllowed(
  ctx: ComputeRequestContext | AuthContext,
  action: string,
  target: ComputeTarget = {},
): boolean {
  const rule = RULES.get(action);
  // Unknown actions are denied: a typo must never open an API.
  return rule !== undefined && evaluateComputeRule(ctx, rule, target);
}

/** Throws Nova's 403 unless the action is allowed. */
export function authorizeCompute(
  ctx: ComputeRequestContext | AuthContext,
  action: string,
  target: ComputeTarget = {},
): void {
  if (!isComputeAllowed(ctx, action, target)) {
    throw new ZenithError("FORBIDDEN", `Policy doesn't allow ${action} to be performed.`);
  }
}

/** Nova's `context.is_admin`: decides visibility (private flavors, other users' key pairs). */
export function isComputeAdmin(ctx: ComputeRequestContext | AuthContext): boolean {
  return isCloudAdmin(authOf(ctx));
}
