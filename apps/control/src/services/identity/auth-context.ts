/** Names and ids a token carries, as the policy and the renderers need them. */
export interface NamedRef {
  id: string;
  name: string;
}

export type TokenScope =
  | {
      type: "project";
      project: NamedRef;
      domain: NamedRef;
      /** Keystone's `is_admin_project`: the project is the configured cloud-admin project. */
      isAdminProject: boolean;
    }
  | { type: "domain"; domain: NamedRef }
  | { type: "system" }
  | { type: "unscoped" };

/**
 * A validated token: who the caller is, what it is scoped to and which roles
 * (effective: through groups and implied roles) it holds there.
 */
export interface AuthContext {
  tokenHash: string;
  methods: string[];
  user: NamedRef & { domain: NamedRef };
  scope: TokenScope;
  roles: NamedRef[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  appCred: (NamedRef & { restricted: boolean }) | null;
}

export function hasRole(ctx: AuthContext, name: string): boolean {
  return ctx.roles.some((r) => r.name === name);
}

export function scopedProjectId(ctx: AuthContext): string | null {
  return ctx.scope.type === "project" ? ctx.scope.project.id : null;
}

/**
 * The domain a list is limited to: the caller's `domain_id` filter, or, as
 * Keystone does for a domain-scoped token that names none, the token's own
 * domain (so a domain admin's plain `GET /users` lists its domain).
 */
export function listDomainId(ctx: AuthContext, requested: string | undefined): string | undefined {
  if (requested !== undefined) return requested;
  return ctx.scope.type === "domain" ? ctx.scope.domain.id : undefined;
}
