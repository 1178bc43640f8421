import type { AuthContext } from "../services/identity/auth-context.ts";
import type { IdentityAction } from "./actions.ts";
import { evaluate, notAuthorized, type PolicyTarget, type Rule, type RuleTable } from "./evaluate.ts";

export { isCloudAdmin } from "./evaluate.ts";

const CLOUD: readonly Rule[] = ["cloud_admin"];
const CLOUD_READ: readonly Rule[] = ["cloud_admin", "system_reader"];
const DOMAIN: readonly Rule[] = ["cloud_admin", "domain_admin"];
const DOMAIN_READ: readonly Rule[] = ["cloud_admin", "system_reader", "domain_admin"];

/**
 * Keystone's defaults, reduced to this cloud's roles:
 * - cloud admins (system admin, admin on the admin project) manage all of identity;
 * - system readers read all of it;
 * - a domain admin manages what is confined to its domain;
 * - admin on any other project is no identity admin at all;
 * - anyone: self-service on their own user, projects, password, app credentials, tokens.
 */
export const IDENTITY_RULES: RuleTable<IdentityAction> = {
  "identity:get_domain": [...DOMAIN_READ, "own_domain"],
  "identity:list_domains": CLOUD_READ,
  "identity:create_domain": CLOUD,
  // Renaming a domain can move the admin project (found by domain name): a cloud admin's call.
  "identity:update_domain": CLOUD,
  "identity:delete_domain": CLOUD,
  "identity:get_project": [...DOMAIN_READ, "own_project"],
  "identity:list_projects": DOMAIN_READ,
  "identity:create_project": DOMAIN,
  "identity:update_project": DOMAIN,
  "identity:delete_project": DOMAIN,
  "identity:get_project_tag": DOMAIN_READ,
  "identity:update_project_tags": DOMAIN,
  "identity:get_user": [...DOMAIN_READ, "self"],
  "identity:list_users": DOMAIN_READ,
  "identity:create_user": DOMAIN,
  "identity:update_user": DOMAIN,
  "identity:delete_user": DOMAIN,
  "identity:change_password": ["cloud_admin", "self"],
  "identity:list_user_projects": [...CLOUD_READ, "self"],
  "identity:list_groups_for_user": [...CLOUD_READ, "self"],
  "identity:get_group": DOMAIN_READ,
  "identity:list_groups": DOMAIN_READ,
  "identity:create_group": DOMAIN,
  "identity:update_group": DOMAIN,
  "identity:delete_group": DOMAIN,
  "identity:list_users_in_group": DOMAIN_READ,
  "identity:add_user_to_group": DOMAIN,
  "identity:check_user_in_group": DOMAIN_READ,
  "identity:remove_user_from_group": DOMAIN,
  "identity:get_role": CLOUD_READ,
  "identity:list_roles": CLOUD_READ,
  "identity:create_role": CLOUD,
  "identity:update_role": CLOUD,
  "identity:delete_role": CLOUD,
  "identity:create_grant": DOMAIN,
  "identity:check_grant": DOMAIN_READ,
  "identity:list_grants": DOMAIN_READ,
  "identity:revoke_grant": DOMAIN,
  "identity:list_role_assignments": CLOUD_READ,
  "identity:get_application_credential": [...CLOUD_READ, "self"],
  "identity:list_application_credentials": [...CLOUD_READ, "self"],
  "identity:create_application_credential": ["cloud_admin", "self_unrestricted"],
  "identity:delete_application_credential": ["cloud_admin", "self"],
  "identity:get_service": CLOUD_READ,
  "identity:list_services": CLOUD_READ,
  "identity:create_service": CLOUD,
  "identity:update_service": CLOUD,
  "identity:delete_service": CLOUD,
  "identity:get_endpoint": CLOUD_READ,
  "identity:list_endpoints": CLOUD_READ,
  "identity:create_endpoint": CLOUD,
  "identity:update_endpoint": CLOUD,
  "identity:delete_endpoint": CLOUD,
  "identity:get_region": CLOUD_READ,
  "identity:list_regions": CLOUD_READ,
  "identity:create_region": CLOUD,
  "identity:update_region": CLOUD,
  "identity:delete_region": CLOUD,
  // Validating or revoking a token of one's own (the CLI validates its own token); services
  // (keystonemiddleware in Gnocchi, Horizon's…) validate their callers' tokens with the `service` role.
  "identity:validate_token": [...CLOUD_READ, "service", "self"],
  "identity:revoke_token": ["cloud_admin", "self"],
  // Any valid token may ask about itself and what it can scope to.
  "identity:get_auth_catalog": ["any"],
  "identity:get_auth_projects": ["any"],
  "identity:get_auth_domains": ["any"],
  "identity:get_auth_system": ["any"],
};

export function isAllowed(ctx: AuthContext, action: IdentityAction, target: PolicyTarget = {}): boolean {
  return evaluate(ctx, IDENTITY_RULES[action], target);
}

/** Throws Keystone's 403 unless the action is allowed. */
export function authorize(ctx: AuthContext, action: IdentityAction, target: PolicyTarget = {}): void {
  if (!isAllowed(ctx, action, target)) throw notAuthorized(action);
}
