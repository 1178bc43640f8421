import type { Domain, Endpoint, Group, Project, Region, Role, Service, User } from "@zenith/db/generated";
import type { AppCredView } from "../../services/identity/app-credentials.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import type { CatalogEntry } from "../../services/identity/catalog.ts";
import type { AssignmentRow } from "../../services/identity/role-assignments.ts";

/** Keystone's timestamp form: microseconds and a Z, e.g. 2026-11-27T05:02:34.000000Z. */
export function isoMicro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * Builds absolute links under `<publicUrl>/identity/v3`. The public URL is
 * read per call: with an ephemeral port it is known only after listen.
 */
export class Links {
  constructor(private readonly publicUrl: () => string) {}

  get base(): string {
    return `${this.publicUrl()}/identity/v3`;
  }

  self(path: string): { self: string } {
    return { self: `${this.base}${path}` };
  }

  /** Collection links: self is the request URL itself; no paging. */
  collection(requestUrl: string): { self: string; previous: null; next: null } {
    return { self: `${this.publicUrl()}${requestUrl}`, previous: null, next: null };
  }
}

export function renderDomain(links: Links, d: Domain) {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    enabled: d.enabled,
    tags: d.tags ?? [],
    options: {},
    links: links.self(`/domains/${d.id}`),
  };
}

export function renderProject(links: Links, p: Project) {
  return {
    id: p.id,
    name: p.name,
    domain_id: p.domainId,
    description: p.description,
    enabled: p.enabled,
    // Top-level projects report their domain as parent, as Keystone does.
    parent_id: p.parentId ?? p.domainId,
    is_domain: false,
    tags: p.tags ?? [],
    options: {},
    links: links.self(`/projects/${p.id}`),
  };
}

export function renderUser(links: Links, u: User) {
  const options =
    u.options !== null && typeof u.options === "object" && !Array.isArray(u.options) ? u.options : {};
  return {
    id: u.id,
    name: u.name,
    domain_id: u.domainId,
    enabled: u.enabled,
    password_expires_at: u.passwordExpiresAt ? isoMicro(u.passwordExpiresAt) : null,
    options,
    ...(u.defaultProjectId ? { default_project_id: u.defaultProjectId } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.description ? { description: u.description } : {}),
    links: links.self(`/users/${u.id}`),
  };
}

export function renderGroup(links: Links, g: Group) {
  return {
    id: g.id,
    name: g.name,
    domain_id: g.domainId,
    description: g.description,
    links: links.self(`/groups/${g.id}`),
  };
}

export function renderRole(links: Links, r: Role) {
  return {
    id: r.id,
    name: r.name,
    domain_id: null,
    description: r.description,
    options: {},
    links: links.self(`/roles/${r.id}`),
  };
}

export function renderRegion(links: Links, r: Region) {
  return {
    id: r.id,
    description: r.description,
    parent_region_id: r.parentRegionId,
    links: links.self(`/regions/${r.id}`),
  };
}

export function renderService(links: Links, s: Service) {
  return {
    id: s.id,
    type: s.type,
    name: s.name,
    description: s.description,
    enabled: s.enabled,
    links: links.self(`/services/${s.id}`),
  };
}

export function renderEndpoint(links: Links, e: Endpoint) {
  return {
    id: e.id,
    interface: e.interface,
    region_id: e.regionId,
    region: e.regionId,
    service_id: e.serviceId,
    url: e.url,
    enabled: e.enabled,
    links: links.self(`/endpoints/${e.id}`),
  };
}

export function renderAppCred(links: Links, view: AppCredView) {
  const c = view.cred;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    user_id: c.userId,
    project_id: c.projectId,
    roles: view.roles.map((r) => ({ id: r.id, name: r.name, domain_id: null })),
    unrestricted: c.unrestricted,
    expires_at: c.expiresAt ? isoMicro(c.expiresAt) : null,
    access_rules: [],
    ...(view.secret !== undefined ? { secret: view.secret } : {}),
    links: links.self(`/users/${c.userId}/application_credentials/${c.id}`),
  };
}

export function renderCatalog(catalog: CatalogEntry[]) {
  return catalog.map((s) => ({
    id: s.id,
    type: s.type,
    name: s.name,
    endpoints: s.endpoints.map((e) => ({
      id: e.id,
      interface: e.interface,
      region_id: e.regionId,
      region: e.regionId,
      url: e.url,
    })),
  }));
}

/** The token body of POST/GET /v3/auth/tokens; `catalog` null means ?nocatalog. */
export function renderToken(ctx: AuthContext, catalog: CatalogEntry[] | null) {
  const scope = ctx.scope;
  return {
    token: {
      methods: ctx.methods,
      user: { id: ctx.user.id, name: ctx.user.name, domain: ctx.user.domain, password_expires_at: null },
      audit_ids: ctx.auditIds,
      issued_at: isoMicro(ctx.issuedAt),
      expires_at: isoMicro(ctx.expiresAt),
      is_domain: false,
      ...(scope.type === "project"
        ? {
            project: { id: scope.project.id, name: scope.project.name, domain: scope.domain },
            is_admin_project: scope.isAdminProject,
          }
        : {}),
      ...(scope.type === "domain" ? { domain: scope.domain } : {}),
      ...(scope.type === "system" ? { system: { all: true } } : {}),
      ...(scope.type !== "unscoped" ? { roles: ctx.roles.map((r) => ({ id: r.id, name: r.name })) } : {}),
      ...(catalog !== null && scope.type !== "unscoped" ? { catalog: renderCatalog(catalog) } : {}),
      ...(ctx.appCred ? { application_credential: ctx.appCred } : {}),
    },
  };
}

export function renderAssignment(links: Links, row: AssignmentRow) {
  const scopePath =
    row.scopeType === "system"
      ? "/system"
      : `/${row.scopeType === "project" ? "projects" : "domains"}/${row.scope.id}`;
  const actorPath = row.viaGroupId
    ? `/groups/${row.viaGroupId}`
    : `/${row.actorType === "user" ? "users" : "groups"}/${row.actor.id}`;
  const assignmentRole = row.priorRoleId ?? row.role.id;
  return {
    role: row.role,
    [row.actorType]: row.actor,
    scope: row.scopeType === "system" ? { system: { all: true } } : { [row.scopeType]: row.scope },
    links: {
      assignment: `${links.base}${scopePath}${actorPath}/roles/${assignmentRole}`,
      ...(row.viaGroupId
        ? { membership: `${links.base}/groups/${row.viaGroupId}/users/${row.actor.id}` }
        : {}),
      ...(row.priorRoleId ? { prior_role: `${links.base}/roles/${row.priorRoleId}` } : {}),
    },
  };
}
