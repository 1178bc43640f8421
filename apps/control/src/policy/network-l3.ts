import type { AuthContext } from "../services/identity/auth-context.ts";
import { policyNotAuthorized } from "../services/network/errors.ts";
import { evaluate, type Rule } from "./evaluate.ts";

const ADMIN: readonly Rule[] = ["cloud_admin"];
const READER: readonly Rule[] = ["cloud_admin", "project_reader"];
const MEMBER: readonly Rule[] = ["cloud_admin", "project_member"];

/**
 * Neutron's secure-RBAC defaults for routers, floating IPs and security
 * groups (neutron/conf/policies/{router,floatingip,security_group}.py),
 * reduced to this cloud's roles. `action:attribute` entries guard writing
 * one attribute. The target is the resource's project.
 */
export const L3_RULES = {
  create_router: MEMBER,
  "create_router:external_gateway_info:enable_snat": ADMIN,
  "create_router:external_gateway_info:external_fixed_ips": ADMIN,
  get_router: READER,
  update_router: MEMBER,
  "update_router:external_gateway_info:enable_snat": ADMIN,
  "update_router:external_gateway_info:external_fixed_ips": ADMIN,
  delete_router: MEMBER,
  add_router_interface: MEMBER,
  remove_router_interface: MEMBER,

  create_floatingip: MEMBER,
  "create_floatingip:floating_ip_address": ADMIN,
  get_floatingip: READER,
  update_floatingip: MEMBER,
  delete_floatingip: MEMBER,

  create_security_group: MEMBER,
  get_security_group: READER,
  update_security_group: MEMBER,
  delete_security_group: MEMBER,
  create_security_group_rule: MEMBER,
  get_security_group_rule: READER,
  delete_security_group_rule: MEMBER,
} as const satisfies Record<string, readonly Rule[]>;

export type L3Action = keyof typeof L3_RULES;

export function isL3Allowed(ctx: AuthContext, action: L3Action, projectId: string): boolean {
  return evaluate(ctx, L3_RULES[action], { projectId });
}

/** Throws Neutron's 403 PolicyNotAuthorized unless the action on the project's resource is allowed. */
export function authorizeL3(ctx: AuthContext, action: L3Action, projectId: string): void {
  if (!isL3Allowed(ctx, action, projectId)) throw policyNotAuthorized(action);
}
