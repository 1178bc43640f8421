import type { AuthContext } from "../services/identity/auth-context.ts";
import { hasRole, scopedProjectId } from "../services/identity/auth-context.ts";
import { policyNotAuthorized } from "../services/network/errors.ts";
import { holds, isCloudAdmin, type Rule } from "./evaluate.ts";

/**
 * The network rules beyond the shared ones: whose network a resource sits
 * on matters in Neutron (the network owner sees and manages ports on it),
 * and shared or external networks are readable by every project.
 */
export type NetworkRule =
  | Rule
  /** Reader of the project owning the network the target sits on. */
  | "network_owner"
  /** Member of the project owning the network the target sits on. */
  | "network_owner_member"
  /** The target network (or the network of the target) is shared. */
  | "shared"
  /** The target network (or the network of the target) is external (`router:external`). */
  | "external";

export interface NetworkTarget {
  /** The project owning the target itself. */
  projectId?: string | undefined;
  /** The project owning the network the target belongs to (the target's own for a network). */
  networkProjectId?: string | undefined;
  shared?: boolean | undefined;
  external?: boolean | undefined;
}

const ADMIN: readonly NetworkRule[] = ["cloud_admin"];
const OWNER_READ: readonly NetworkRule[] = ["cloud_admin", "project_reader"];
const OWNER: readonly NetworkRule[] = ["cloud_admin", "project_member"];
const NET_OWNER: readonly NetworkRule[] = ["cloud_admin", "network_owner_member"];

/**
 * Neutron's secure-RBAC defaults (neutron/conf/policies/*.py), reduced to
 * this cloud's roles (admin ⊃ member ⊃ reader). Names are upstream's, so
 * they read the same in 403 messages. `action:attribute` entries guard one
 * attribute: writing it on create/update, reading it on get.
 */
export const NETWORK_RULES = {
  get_network: [...OWNER_READ, "shared", "external"],
  "get_network:provider:network_type": ADMIN,
  "get_network:provider:physical_network": ADMIN,
  "get_network:provider:segmentation_id": ADMIN,
  create_network: OWNER,
  "create_network:shared": ADMIN,
  "create_network:router:external": ADMIN,
  "create_network:provider:network_type": ADMIN,
  "create_network:provider:physical_network": ADMIN,
  "create_network:provider:segmentation_id": ADMIN,
  update_network: OWNER,
  "update_network:shared": ADMIN,
  "update_network:router:external": ADMIN,
  "update_network:provider:network_type": ADMIN,
  "update_network:provider:physical_network": ADMIN,
  "update_network:provider:segmentation_id": ADMIN,
  delete_network: OWNER,

  get_subnet: [...OWNER_READ, "network_owner", "shared"],
  create_subnet: NET_OWNER,
  update_subnet: NET_OWNER,
  delete_subnet: NET_OWNER,

  get_port: [...OWNER_READ, "network_owner"],
  "get_port:binding:host_id": ADMIN,
  "get_port:binding:vif_type": ADMIN,
  "get_port:binding:vif_details": ADMIN,
  "get_port:binding:profile": ADMIN,
  // On a shared network anyone may plug a port; on others, the network's owner only.
  create_port: [...NET_OWNER, "shared"],
  "create_port:device_owner": ADMIN,
  "create_port:mac_address": NET_OWNER,
  "create_port:fixed_ips:ip_address": NET_OWNER,
  "create_port:binding:host_id": ADMIN,
  "create_port:binding:profile": ADMIN,
  update_port: OWNER,
  "update_port:device_owner": ADMIN,
  "update_port:mac_address": ADMIN,
  "update_port:fixed_ips:ip_address": NET_OWNER,
  "update_port:binding:host_id": ADMIN,
  "update_port:binding:profile": ADMIN,
  delete_port: [...OWNER, "network_owner_member"],

  // Subnet pools (neutron/conf/policies/subnetpool.py): shared pools are readable by every project.
  get_subnetpool: [...OWNER_READ, "shared"],
  create_subnetpool: OWNER,
  "create_subnetpool:shared": ADMIN,
  "create_subnetpool:is_default": ADMIN,
  update_subnetpool: OWNER,
  "update_subnetpool:is_default": ADMIN,
  delete_subnetpool: OWNER,
  // Agents are infrastructure: admins only (others see an empty list, and no agent by id).
  get_agent: ADMIN,
  update_agent: ADMIN,
  delete_agent: ADMIN,

  get_quota: OWNER_READ,
  update_quota: ADMIN,
  delete_quota: ADMIN,
  list_quotas: ADMIN,
} as const satisfies Record<string, readonly NetworkRule[]>;

export type NetworkAction = keyof typeof NETWORK_RULES;

function networkRuleHolds(ctx: AuthContext, rule: NetworkRule, target: NetworkTarget): boolean {
  const project = scopedProjectId(ctx);
  switch (rule) {
    case "network_owner":
      return project !== null && project === target.networkProjectId && hasRole(ctx, "reader");
    case "network_owner_member":
      return project !== null && project === target.networkProjectId && hasRole(ctx, "member");
    // Shared and external networks are for every project, not for unscoped or domain tokens.
    case "shared":
      return project !== null && target.shared === true && hasRole(ctx, "reader");
    case "external":
      return project !== null && target.external === true && hasRole(ctx, "reader");
    default:
      return holds(ctx, rule, { projectId: target.projectId });
  }
}

export function isNetworkAllowed(
  ctx: AuthContext,
  action: NetworkAction,
  target: NetworkTarget = {},
): boolean {
  const rules: readonly NetworkRule[] = NETWORK_RULES[action];
  return rules.some((rule) => networkRuleHolds(ctx, rule, target));
}

/** Throws Neutron's 403 unless the action is allowed. */
export function authorizeNetwork(ctx: AuthContext, action: NetworkAction, target: NetworkTarget = {}): void {
  if (!isNetworkAllowed(ctx, action, target)) throw policyNotAuthorized(action);
}

/** Neutron's admin context: sees every project's resources. */
export const isNetworkAdmin = isCloudAdmin;
