import type { AuthContext } from "../services/identity/auth-context.ts";
import { evaluate, isCloudAdmin, policyDoesNotAllow, type Rule, type RuleTable } from "./evaluate.ts";

/**
 * Nova's default rules (nova/policies/base.py), reduced to this cloud's
 * roles (admin ⊃ member ⊃ reader, already expanded in the token):
 * - ADMIN: cloud admin only;
 * - PROJECT_READER: cloud admin, or a reader of the target project;
 * - OWNER: cloud admin, or the user the resource belongs to (key pairs);
 * - ANY: any valid project-scoped token.
 */
const ADMIN: readonly Rule[] = ["cloud_admin"];
const PROJECT_READER: readonly Rule[] = ["cloud_admin", "project_reader"];
const OWNER: readonly Rule[] = ["cloud_admin", "self"];
const ANY: readonly Rule[] = ["cloud_admin", "scoped"];

/** What the action touches; owner rules compare it with the token. */
export interface ComputeTarget {
  projectId?: string;
  userId?: string;
}

/** Inventory actions named as Nova's policies (they appear verbatim in 403 messages). */
export type ComputeAction = keyof typeof INVENTORY_RULES;

export const INVENTORY_RULES = {
  "os_compute_api:os-flavor-manage:create": ADMIN,
  "os_compute_api:os-console-auth-tokens": ADMIN,
  "os_compute_api:os-flavor-manage:update": ADMIN,
  "os_compute_api:os-flavor-manage:delete": ADMIN,
  "os_compute_api:os-flavor-extra-specs:index": ANY,
  "os_compute_api:os-flavor-extra-specs:show": ANY,
  "os_compute_api:os-flavor-extra-specs:create": ADMIN,
  "os_compute_api:os-flavor-extra-specs:update": ADMIN,
  "os_compute_api:os-flavor-extra-specs:delete": ADMIN,
  "os_compute_api:os-flavor-access": ADMIN,
  "os_compute_api:os-flavor-access:add_tenant_access": ADMIN,
  "os_compute_api:os-flavor-access:remove_tenant_access": ADMIN,
  "os_compute_api:os-keypairs:index": OWNER,
  "os_compute_api:os-keypairs:show": OWNER,
  "os_compute_api:os-keypairs:create": OWNER,
  "os_compute_api:os-keypairs:delete": OWNER,
  "os_compute_api:os-availability-zone:list": ANY,
  "os_compute_api:os-availability-zone:detail": ADMIN,
  "os_compute_api:os-aggregates:index": ADMIN,
  "os_compute_api:os-services:list": ADMIN,
  "os_compute_api:os-services:update": ADMIN,
  "os_compute_api:os-services:delete": ADMIN,
  "os_compute_api:os-hypervisors:list": ADMIN,
  "os_compute_api:os-hypervisors:list-detail": ADMIN,
  "os_compute_api:os-hypervisors:show": ADMIN,
  "os_compute_api:os-hypervisors:statistics": ADMIN,
  "os_compute_api:os-hypervisors:uptime": ADMIN,
  "os_compute_api:os-hypervisors:search": ADMIN,
  "os_compute_api:os-hypervisors:servers": ADMIN,
  "os_compute_api:limits": ANY,
  "os_compute_api:limits:other_project": ADMIN,
  "os_compute_api:os-quota-sets:show": PROJECT_READER,
  "os_compute_api:os-quota-sets:detail": PROJECT_READER,
  "os_compute_api:os-quota-sets:defaults": ANY,
  "os_compute_api:os-quota-sets:update": ADMIN,
  "os_compute_api:os-quota-sets:delete": ADMIN,
  "os_compute_api:os-quota-class-sets:show": ADMIN,
  "os_compute_api:os-quota-class-sets:update": ADMIN,
  "os_compute_api:os-simple-tenant-usage:show": PROJECT_READER,
  "os_compute_api:os-simple-tenant-usage:list": ADMIN,
} as const satisfies RuleTable<string>;

/** Handlers pass their request context (it carries the token's context) or the token's context itself. */
type Caller = AuthContext | { auth: AuthContext };

function authOf(ctx: Caller): AuthContext {
  return "auth" in ctx ? ctx.auth : ctx;
}

export function isComputeAllowed(ctx: Caller, action: ComputeAction, target: ComputeTarget = {}): boolean {
  return evaluate(authOf(ctx), INVENTORY_RULES[action], target);
}

/** Throws Nova's 403 unless the action is allowed. */
export function authorizeCompute(ctx: Caller, action: ComputeAction, target: ComputeTarget = {}): void {
  if (!isComputeAllowed(ctx, action, target)) throw policyDoesNotAllow(action);
}

/** Nova's `context.is_admin`: decides visibility (private flavors, other users' key pairs, other projects). */
export function isComputeAdmin(ctx: Caller): boolean {
  return isCloudAdmin(authOf(ctx));
}
