import { ZenithError } from "@zenith/core/errors";
import { type AuthContext, hasRole } from "../services/identity/auth-context.ts";
import type { IdentityAction, PolicyTarget } from "./actions.ts";

/**
 * The only place that decides who may do what. Roles nest (admin ⊃ member ⊃
 * reader) because token roles are already expanded through implied roles.
 *
 * - admin on a project, or on the system: manages all of identity;
 * - admin on a domain: manages what lives in that domain;
 * - reader on the system: reads all of identity;
 * - anyone: self-service on their own user, projects, password, app credentials.
 */
export function isAllowed(ctx: AuthContext, action: IdentityAction, target: PolicyTarget = {}): boolean {
  if (ALWAYS.has(action)) return true;
  if (isCloudAdmin(ctx)) return true;
  if (isSystemReader(ctx) && isReadOnly(action)) return true;
  const domainAdmin = ctx.scope.type === "domain" && hasRole(ctx, "admin");
  if (domainAdmin && target.domainId === tokenDomainId(ctx)) return true;
  const self = target.userId !== undefined && target.userId === ctx.user.id;
  if (self && SELF_SERVICE.has(action)) {
    // A restricted application credential may not mint more credentials (Keystone's rule).
    if (action === "identity:create_application_credential" && ctx.appCred?.restricted) return false;
    return true;
  }
  if (action === "identity:get_project" && target.projectId !== undefined) {
    return ctx.scope.type === "project" && ctx.scope.project.id === target.projectId;
  }
  if (action === "identity:get_domain" && target.domainId !== undefined) {
    return tokenDomainId(ctx) === target.domainId;
  }
  return false;
}

/** Throws Keystone's 403 unless the action is allowed. */
export function authorize(ctx: AuthContext, action: IdentityAction, target: PolicyTarget = {}): void {
  if (!isAllowed(ctx, action, target)) {
    throw new ZenithError("FORBIDDEN", `You are not authorized to perform the requested action: ${action}.`);
  }
}

/** Admin of the whole cloud: admin role on a project or on the system. */
export function isCloudAdmin(ctx: AuthContext): boolean {
  return (ctx.scope.type === "project" || ctx.scope.type === "system") && hasRole(ctx, "admin");
}

function isSystemReader(ctx: AuthContext): boolean {
  return ctx.scope.type === "system" && hasRole(ctx, "reader");
}

function isReadOnly(action: IdentityAction): boolean {
  return /^identity:(get|list|check)_/.test(action);
}

function tokenDomainId(ctx: AuthContext): string | null {
  if (ctx.scope.type === "project") return ctx.scope.domain.id;
  if (ctx.scope.type === "domain") return ctx.scope.domain.id;
  return null;
}

/** Any valid token may ask about itself and what it can scope to. */
const ALWAYS = new Set<IdentityAction>([
  "identity:get_auth_catalog",
  "identity:get_auth_projects",
  "identity:get_auth_domains",
  "identity:get_auth_system",
]);

const SELF_SERVICE = new Set<IdentityAction>([
  "identity:get_user",
  "identity:change_password",
  "identity:list_user_projects",
  "identity:list_groups_for_user",
  "identity:get_application_credential",
  "identity:list_application_credentials",
  "identity:create_application_credential",
  "identity:delete_application_credential",
  // Validating or revoking a token of one's own (the CLI validates its own token).
  "identity:validate_token",
  "identity:revoke_token",
]);
