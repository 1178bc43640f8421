/**
 * Every identity action the API performs, named as Keystone's policy names
 * them (they appear verbatim in 403 messages).
 */
export type IdentityAction =
  | "identity:get_domain"
  | "identity:list_domains"
  | "identity:create_domain"
  | "identity:update_domain"
  | "identity:delete_domain"
  | "identity:get_project"
  | "identity:list_projects"
  | "identity:create_project"
  | "identity:update_project"
  | "identity:delete_project"
  | "identity:get_project_tag"
  | "identity:update_project_tags"
  | "identity:get_user"
  | "identity:list_users"
  | "identity:create_user"
  | "identity:update_user"
  | "identity:delete_user"
  | "identity:change_password"
  | "identity:list_user_projects"
  | "identity:list_groups_for_user"
  | "identity:get_group"
  | "identity:list_groups"
  | "identity:create_group"
  | "identity:update_group"
  | "identity:delete_group"
  | "identity:list_users_in_group"
  | "identity:add_user_to_group"
  | "identity:check_user_in_group"
  | "identity:remove_user_from_group"
  | "identity:get_role"
  | "identity:list_roles"
  | "identity:create_role"
  | "identity:update_role"
  | "identity:delete_role"
  | "identity:create_grant"
  | "identity:check_grant"
  | "identity:list_grants"
  | "identity:revoke_grant"
  | "identity:list_role_assignments"
  | "identity:get_application_credential"
  | "identity:list_application_credentials"
  | "identity:create_application_credential"
  | "identity:delete_application_credential"
  | "identity:get_service"
  | "identity:list_services"
  | "identity:create_service"
  | "identity:update_service"
  | "identity:delete_service"
  | "identity:get_endpoint"
  | "identity:list_endpoints"
  | "identity:create_endpoint"
  | "identity:update_endpoint"
  | "identity:delete_endpoint"
  | "identity:get_region"
  | "identity:list_regions"
  | "identity:create_region"
  | "identity:update_region"
  | "identity:delete_region"
  | "identity:validate_token"
  | "identity:revoke_token"
  | "identity:get_auth_catalog"
  | "identity:get_auth_projects"
  | "identity:get_auth_domains"
  | "identity:get_auth_system";

/** What an action touches, so owner rules can compare it with the token. */
export interface PolicyTarget {
  /** The user the action is about (self-service rules). */
  userId?: string;
  /** The project the action is about (project readers may read their project). */
  projectId?: string;
  /** The domain the resource lives in (domain-scoped admins manage their domain). */
  domainId?: string;
}
