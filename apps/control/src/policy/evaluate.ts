import { ZenithError } from "@zenith/core/errors";
import { type AuthContext, hasRole, scopedProjectId } from "../services/identity/auth-context.ts";

/**
 * The building blocks every service's rule table is written in. An action
 * is allowed when any of its rules holds. Roles nest (admin ⊃ member ⊃
 * reader) because token roles are already expanded through implied roles.
 */
export type Rule =
  /** Admin on the system, or admin on the designated admin project (Keystone's admin_project). */
  | "cloud_admin"
  /** Reader on the system scope: reads everything. */
  | "system_reader"
  /** Admin on a domain-scoped token, acting on something confined to that domain. */
  | "domain_admin"
  /** Reader of the target project, on a token scoped to it. */
  | "project_reader"
  /** Member of the target project, on a token scoped to it. */
  | "project_member"
  /** Reader of whichever project the token is scoped to. */
  | "scoped_reader"
  /** Member of whichever project the token is scoped to. */
  | "scoped_member"
  /** Any project-scoped token. */
  | "scoped"
  /** Any role on the target project, on a token scoped to it. */
  | "own_project"
  /** The target domain is the one the token is scoped to (directly or through its project). */
  | "own_domain"
  /** Keystone's `service_role`: a service user (role `service`) validating the tokens its callers present. */
  | "service"
  /** The target user is the caller. */
  | "self"
  /** The caller, unless it authenticated with a restricted application credential. */
  | "self_unrestricted"
  /** Any valid token. */
  | "any";

/** One table per service: every action it names has its rules (typos cannot open an API). */
export type RuleTable<Action extends string> = Readonly<Record<Action, readonly Rule[]>>;

/** What an action touches, so owner rules can compare it with the token. */
export interface PolicyTarget {
  /** The user the action is about (self-service rules). */
  userId?: string | undefined;
  /** The project the action is about. */
  projectId?: string | undefined;
  /**
   * The domain the action is confined to. Services leave it out when the
   * action reaches beyond one domain (system grants, the admin project,
   * users holding roles elsewhere), so only cloud-wide rules can allow it.
   */
  domainId?: string | undefined;
}

/** Admin of the whole cloud: admin on the system, or admin on the admin project. */
export function isCloudAdmin(ctx: AuthContext): boolean {
  if (!hasRole(ctx, "admin")) return false;
  return ctx.scope.type === "system" || (ctx.scope.type === "project" && ctx.scope.isAdminProject);
}

function tokenDomainId(ctx: AuthContext): string | null {
  return ctx.scope.type === "project" || ctx.scope.type === "domain" ? ctx.scope.domain.id : null;
}

export function holds(ctx: AuthContext, rule: Rule, target: PolicyTarget): boolean {
  const project = scopedProjectId(ctx);
  const onTargetProject = project !== null && target.projectId === project;
  switch (rule) {
    case "cloud_admin":
      return isCloudAdmin(ctx);
    case "system_reader":
      return ctx.scope.type === "system" && hasRole(ctx, "reader");
    case "domain_admin":
      return (
        ctx.scope.type === "domain" &&
        hasRole(ctx, "admin") &&
        target.domainId !== undefined &&
        target.domainId === ctx.scope.domain.id
      );
    case "project_reader":
      return onTargetProject && hasRole(ctx, "reader");
    case "project_member":
      return onTargetProject && hasRole(ctx, "member");
    case "scoped_reader":
      return project !== null && hasRole(ctx, "reader");
    case "scoped_member":
      return project !== null && hasRole(ctx, "member");
    case "scoped":
      return project !== null;
    case "own_project":
      return onTargetProject;
    case "own_domain":
      return target.domainId !== undefined && target.domainId === tokenDomainId(ctx);
    case "service":
      return hasRole(ctx, "service");
    case "self":
      return target.userId !== undefined && target.userId === ctx.user.id;
    case "self_unrestricted":
      // Keystone's rule: a restricted application credential may not mint more credentials.
      return target.userId !== undefined && target.userId === ctx.user.id && !ctx.appCred?.restricted;
    case "any":
      return true;
  }
}

/** The one evaluator: does any of the action's rules hold for this caller and target? */
export function evaluate(
  ctx: AuthContext,
  rules: readonly Rule[] | undefined,
  target: PolicyTarget = {},
): boolean {
  // Unknown actions are denied: a typo must never open an API.
  return rules?.some((rule) => holds(ctx, rule, target)) ?? false;
}

/** Keystone's and Glance's 403 wording. */
export function notAuthorized(action: string): ZenithError {
  return new ZenithError("FORBIDDEN", `You are not authorized to perform the requested action: ${action}.`);
}

/** Nova's 403 wording. */
export function policyDoesNotAllow(action: string): ZenithError {
  return new ZenithError("FORBIDDEN", `Policy doesn't allow ${action} to be performed.`);
}
