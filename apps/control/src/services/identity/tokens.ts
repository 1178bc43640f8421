import { ZenithError } from "@zenith/core/errors";
import type { Token } from "@zenith/db/generated";
import { hashTokenId, newAuditId, newTokenId } from "../../crypto/token-id.ts";
import type { AuthContext, NamedRef, TokenScope } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import { effectiveRoles, SYSTEM_TARGET_ID } from "./effective-roles.ts";
import { unauthorized } from "./errors.ts";
import { impliedRoleNames } from "./implied-roles.ts";

/** A scope after names were resolved to ids. */
export type ScopeTarget =
  | { type: "project"; projectId: string }
  | { type: "domain"; domainId: string }
  | { type: "system" }
  | { type: "unscoped" };

export interface IssueRequest {
  userId: string;
  methods: string[];
  scope: ScopeTarget;
  appCredId?: string | null;
  /** Rescoped tokens keep the audit chain and never outlive their parent. */
  parent?: { auditId: string; expiresAt: Date } | null;
}

type TokenRow = Pick<
  Token,
  | "hash"
  | "userId"
  | "methods"
  | "scopeType"
  | "projectId"
  | "domainId"
  | "appCredId"
  | "auditId"
  | "parentAuditId"
  | "issuedAt"
  | "expiresAt"
  | "revokedAt"
>;

/** Why a token or scope is not usable; the caller picks the status. */
class Unusable extends Error {}

export class TokenService {
  constructor(private readonly deps: IdentityDeps) {}

  /**
   * Issues a token after checking the user and scope are usable right now;
   * returns the bearer id (shown once) and the context it stands for.
   */
  async issue(req: IssueRequest): Promise<{ tokenId: string; ctx: AuthContext }> {
    const now = new Date();
    const ttlEnd = new Date(now.getTime() + this.deps.config.tokenTtlSeconds * 1000);
    const expiresAt = req.parent && req.parent.expiresAt < ttlEnd ? req.parent.expiresAt : ttlEnd;
    const tokenId = newTokenId();
    const row: TokenRow = {
      hash: hashTokenId(tokenId),
      userId: req.userId,
      methods: req.methods,
      scopeType: req.scope.type,
      projectId: req.scope.type === "project" ? req.scope.projectId : null,
      domainId: req.scope.type === "domain" ? req.scope.domainId : null,
      appCredId: req.appCredId ?? null,
      auditId: newAuditId(),
      parentAuditId: req.parent?.auditId ?? null,
      issuedAt: now,
      expiresAt,
      revokedAt: null,
    };
    let ctx: AuthContext;
    try {
      ctx = await this.buildContext(row);
    } catch (err) {
      if (err instanceof Unusable) throw unauthorized(err.message);
      throw err;
    }
    await this.deps.prisma.token.create({ data: row });
    return { tokenId, ctx };
  }

  /** Validates a bearer token (X-Auth-Token); any failure is 401. */
  async authenticate(tokenId: string | undefined): Promise<AuthContext> {
    if (!tokenId) throw unauthorized();
    const ctx = await this.resolve(tokenId);
    if (!ctx) throw unauthorized();
    return ctx;
  }

  /** Validates a subject token (X-Subject-Token); any failure is 404, as Keystone answers. */
  async validateSubject(tokenId: string | undefined): Promise<AuthContext> {
    const ctx = tokenId ? await this.resolve(tokenId) : null;
    if (!ctx) throw new ZenithError("NOT_FOUND", "Could not find token.");
    return ctx;
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.deps.prisma.token.updateMany({
      where: { hash: tokenHash, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    this.deps.tokenCache.invalidateAll();
  }

  /** Revokes every live token of a user (password change, disable, delete). */
  async revokeAllForUser(userId: string): Promise<void> {
    await this.deps.prisma.token.updateMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    this.deps.tokenCache.invalidateAll();
  }

  /** Drops expired tokens; called from time to time so the table stays small. */
  async purgeExpired(): Promise<number> {
    const res = await this.deps.prisma.token.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return res.count;
  }

  private async resolve(tokenId: string): Promise<AuthContext | null> {
    const hash = hashTokenId(tokenId);
    const cached = this.deps.tokenCache.get(hash);
    if (cached) return cached;
    const generation = this.deps.tokenCache.generation;
    const row = await this.deps.prisma.token.findUnique({ where: { hash } });
    if (!row || row.revokedAt !== null || row.expiresAt.getTime() <= Date.now()) return null;
    try {
      const ctx = await this.buildContext(row);
      this.deps.tokenCache.set(hash, ctx, generation);
      return ctx;
    } catch (err) {
      if (err instanceof Unusable) {
        this.deps.logger.debug({ reason: err.message }, "token no longer usable");
        return null;
      }
      throw err;
    }
  }

  /**
   * Recomputes what a token means now: its user, domain and project must
   * still be enabled and the user must still hold a role on the scope.
   */
  private async buildContext(row: TokenRow): Promise<AuthContext> {
    const { prisma } = this.deps;
    const user = await prisma.user.findUnique({ where: { id: row.userId }, include: { domain: true } });
    if (!user?.enabled || !user.domain.enabled) throw new Unusable(`User ${row.userId} is not usable.`);
    let scope: TokenScope;
    let roles: NamedRef[] = [];
    if (row.scopeType === "project" && row.projectId) {
      const project = await prisma.project.findUnique({
        where: { id: row.projectId },
        include: { domain: true },
      });
      if (!project?.enabled || !project.domain.enabled) {
        throw new Unusable(`Project ${row.projectId} is not usable.`);
      }
      scope = {
        type: "project",
        project: { id: project.id, name: project.name },
        domain: { id: project.domain.id, name: project.domain.name },
        isAdminProject:
          project.name === this.deps.config.adminProject.name &&
          project.domain.name === this.deps.config.adminProject.domainName,
      };
      roles = await effectiveRoles(prisma, user.id, "project", project.id);
      if (roles.length === 0) throw new Unusable(`User ${user.id} has no access to project ${project.id}.`);
    } else if (row.scopeType === "domain" && row.domainId) {
      const domain = await prisma.domain.findUnique({ where: { id: row.domainId } });
      if (!domain?.enabled) throw new Unusable(`Domain ${row.domainId} is not usable.`);
      scope = { type: "domain", domain: { id: domain.id, name: domain.name } };
      roles = await effectiveRoles(prisma, user.id, "domain", domain.id);
      if (roles.length === 0) throw new Unusable(`User ${user.id} has no access to domain ${domain.id}.`);
    } else if (row.scopeType === "system") {
      scope = { type: "system" };
      roles = await effectiveRoles(prisma, user.id, "system", SYSTEM_TARGET_ID);
      if (roles.length === 0) throw new Unusable(`User ${user.id} has no access to the system.`);
    } else {
      scope = { type: "unscoped" };
    }
    let appCred: AuthContext["appCred"] = null;
    if (row.appCredId) {
      const cred = await prisma.applicationCredential.findUnique({ where: { id: row.appCredId } });
      if (!cred || cred.userId !== user.id || (cred.expiresAt && cred.expiresAt.getTime() <= Date.now())) {
        throw new Unusable(`Application credential ${row.appCredId} is not usable.`);
      }
      roles = restrictToCredential(roles, cred.roleIds);
      if (roles.length === 0) throw new Unusable(`Application credential ${cred.id} has no usable role.`);
      appCred = { id: cred.id, name: cred.name, restricted: !cred.unrestricted };
    }
    return {
      tokenHash: row.hash,
      methods: row.methods,
      user: { id: user.id, name: user.name, domain: { id: user.domain.id, name: user.domain.name } },
      scope,
      roles,
      auditIds: row.parentAuditId ? [row.auditId, row.parentAuditId] : [row.auditId],
      issuedAt: row.issuedAt,
      expiresAt: row.expiresAt,
      appCred,
    };
  }
}

/** An app credential keeps the roles it was given (and what they imply) that the user still holds. */
function restrictToCredential(roles: NamedRef[], credRoleIds: string[]): NamedRef[] {
  const granted = roles.filter((r) => credRoleIds.includes(r.id));
  const implied = new Set(impliedRoleNames(granted.map((r) => r.name)));
  return roles.filter((r) => credRoleIds.includes(r.id) || implied.has(r.name));
}
