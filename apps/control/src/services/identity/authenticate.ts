import { ZenithError } from "@zenith/core/errors";
import { verifySecret } from "../../crypto/secret-hash.ts";
import type { AuthContext } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import { effectiveRoles } from "./effective-roles.ts";
import { AUTH_REQUIRED, unauthorized } from "./errors.ts";
import type { ScopeTarget, TokenService } from "./tokens.ts";

export interface DomainRef {
  id?: string | undefined;
  name?: string | undefined;
}

export interface UserRef {
  id?: string | undefined;
  name?: string | undefined;
  domain?: DomainRef | undefined;
}

export interface ScopeRequest {
  project?:
    | { id?: string | undefined; name?: string | undefined; domain?: DomainRef | undefined }
    | undefined;
  domain?: DomainRef | undefined;
  system?: { all?: boolean | undefined } | undefined;
}

/** `POST /v3/auth/tokens` after parsing: identity methods and an optional scope. */
export interface AuthRequest {
  methods: string[];
  password?: { user: UserRef & { password: string } } | undefined;
  token?: { id?: string | undefined } | undefined;
  applicationCredential?:
    | { id?: string | undefined; name?: string | undefined; secret: string; user?: UserRef | undefined }
    | undefined;
  /** Absent scope means "default project if any"; the string means explicitly unscoped. */
  scope?: ScopeRequest | "unscoped" | undefined;
  /** The caller's X-Auth-Token, used by the token method when the body has no id. */
  headerToken?: string | undefined;
  clientAddress: string;
}

const SUPPORTED_METHODS = new Set(["password", "token", "application_credential"]);

/** Turns credentials into a token: the identity half of Keystone's auth API. */
export class AuthService {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly tokens: TokenService,
  ) {}

  async issueToken(req: AuthRequest): Promise<{ tokenId: string; ctx: AuthContext }> {
    for (const m of req.methods) {
      if (!SUPPORTED_METHODS.has(m)) throw unauthorized(`Unsupported authentication method: ${m}.`);
    }
    if (req.methods.includes("application_credential")) return this.byApplicationCredential(req);
    if (req.methods.includes("password")) return this.byPassword(req);
    return this.byToken(req);
  }

  private async byPassword(req: AuthRequest): Promise<{ tokenId: string; ctx: AuthContext }> {
    const creds = req.password?.user;
    if (!creds) throw ZenithError.badRequest("Invalid input for field 'identity.password': Required");
    const keys = [`user:${describeUser(creds)}`];
    const attempt = this.beginAttempt(keys, req.clientAddress);
    let user: Awaited<ReturnType<AuthService["findUser"]>>;
    try {
      user = await this.findUser(creds);
      const ok = await verifySecret(creds.password, user?.passwordHash ?? this.deps.decoyHash);
      if (!user || !ok || !user.enabled) {
        this.recordFailure(keys, req.clientAddress);
        throw unauthorized(AUTH_REQUIRED);
      }
    } finally {
      attempt.finish();
    }
    this.deps.userThrottle.reset(keys[0] ?? "");
    const scope = await this.resolveScope(req.scope, user.id, user.defaultProjectId);
    return this.tokens.issue({ userId: user.id, methods: ["password"], scope });
  }

  private async byToken(req: AuthRequest): Promise<{ tokenId: string; ctx: AuthContext }> {
    const parent = await this.tokens.authenticate(req.token?.id ?? req.headerToken);
    if (parent.appCred) {
      // Keystone refuses to rescope application-credential tokens: the credential pins the scope.
      throw new ZenithError("FORBIDDEN", "Application credential tokens cannot be rescoped.");
    }
    const scope =
      req.scope === undefined || req.scope === "unscoped"
        ? ({ type: "unscoped" } as const)
        : await this.resolveScope(req.scope, parent.user.id, null);
    return this.tokens.issue({
      userId: parent.user.id,
      methods: [...new Set([...parent.methods, "token"])],
      scope,
      parent: { auditId: parent.auditIds[parent.auditIds.length - 1] ?? "", expiresAt: parent.expiresAt },
    });
  }

  private async byApplicationCredential(req: AuthRequest): Promise<{ tokenId: string; ctx: AuthContext }> {
    const input = req.applicationCredential;
    if (!input)
      throw ZenithError.badRequest("Invalid input for field 'identity.application_credential': Required");
    const keys = [`appcred:${input.id ?? `${describeUser(input.user ?? {})}/${input.name ?? ""}`}`];
    const attempt = this.beginAttempt(keys, req.clientAddress);
    let cred: Awaited<ReturnType<AuthService["findApplicationCredential"]>>;
    try {
      cred = await this.findApplicationCredential(input);
      const ok = await verifySecret(input.secret, cred?.secretHash ?? this.deps.decoyHash);
      const expired = cred?.expiresAt ? cred.expiresAt.getTime() <= Date.now() : false;
      if (!cred || !ok || expired) {
        this.recordFailure(keys, req.clientAddress);
        throw unauthorized(AUTH_REQUIRED);
      }
    } finally {
      attempt.finish();
    }
    if (
      req.scope &&
      req.scope !== "unscoped" &&
      req.scope.project?.id &&
      req.scope.project.id !== cred.projectId
    ) {
      throw unauthorized("Application credentials cannot request a scope.");
    }
    return this.tokens.issue({
      userId: cred.userId,
      methods: ["application_credential"],
      scope: { type: "project", projectId: cred.projectId },
      appCredId: cred.id,
    });
  }

  /**
   * Admitted before any hashing, so a blocked caller costs us nothing; the
   * attempt counts against both allowances until it finishes.
   */
  private beginAttempt(userKeys: string[], address: string): { finish(): void } {
    const forUser = this.deps.userThrottle.begin(userKeys);
    try {
      const forAddress = this.deps.addressThrottle.begin([`addr:${address}`]);
      return {
        finish() {
          forUser.finish();
          forAddress.finish();
        },
      };
    } catch (err) {
      forUser.finish();
      throw err;
    }
  }

  private recordFailure(userKeys: string[], address: string): void {
    this.deps.userThrottle.recordFailure(userKeys);
    this.deps.addressThrottle.recordFailure([`addr:${address}`]);
  }

  private async findUser(ref: UserRef) {
    const { prisma } = this.deps;
    if (ref.id) return prisma.user.findUnique({ where: { id: ref.id } });
    if (!ref.name)
      throw ZenithError.badRequest("Invalid input for field 'user': a user id or name is required");
    const domainId = await this.resolveDomainId(ref.domain);
    if (domainId === null) return null;
    return prisma.user.findUnique({ where: { domainId_name: { domainId, name: ref.name } } });
  }

  private async findApplicationCredential(input: NonNullable<AuthRequest["applicationCredential"]>) {
    const { prisma } = this.deps;
    if (input.id) return prisma.applicationCredential.findUnique({ where: { id: input.id } });
    if (!input.name || !input.user) {
      throw ZenithError.badRequest(
        "Invalid input for field 'application_credential': an id, or a name with a user, is required",
      );
    }
    const user = await this.findUser(input.user);
    if (!user) return null;
    return prisma.applicationCredential.findUnique({
      where: { userId_name: { userId: user.id, name: input.name } },
    });
  }

  /** A domain id from `{id}` or `{name}`; null when no such domain exists. */
  private async resolveDomainId(ref: DomainRef | undefined): Promise<string | null> {
    if (!ref || (!ref.id && !ref.name)) {
      throw ZenithError.badRequest("Invalid input for field 'domain': a domain id or name is required");
    }
    if (ref.id) return ref.id;
    const domain = await this.deps.prisma.domain.findUnique({ where: { name: ref.name ?? "" } });
    return domain?.id ?? null;
  }

  /**
   * Resolves a requested scope to ids. Without one, a user with a usable
   * default project gets a token scoped to it, as Keystone does.
   */
  private async resolveScope(
    scope: ScopeRequest | "unscoped" | undefined,
    userId: string,
    defaultProjectId: string | null,
  ): Promise<ScopeTarget> {
    if (scope === "unscoped") return { type: "unscoped" };
    if (scope === undefined) {
      if (defaultProjectId) {
        const project = await this.deps.prisma.project.findUnique({ where: { id: defaultProjectId } });
        const roles = project?.enabled
          ? await effectiveRoles(this.deps.prisma, userId, "project", project.id)
          : [];
        if (project && roles.length > 0) return { type: "project", projectId: project.id };
      }
      return { type: "unscoped" };
    }
    const given = [scope.project, scope.domain, scope.system].filter((s) => s !== undefined);
    if (given.length > 1)
      throw ZenithError.badRequest("Specify exactly one of project, domain or system scope.");
    if (scope.system) {
      if (scope.system.all !== true)
        throw ZenithError.badRequest("Invalid input for field 'scope.system.all'");
      return { type: "system" };
    }
    if (scope.domain) {
      const domainId = await this.resolveDomainId(scope.domain);
      if (domainId === null) throw unauthorized(`Could not find domain: ${scope.domain.name ?? ""}.`);
      return { type: "domain", domainId };
    }
    const p = scope.project;
    if (!p) return { type: "unscoped" };
    if (p.id) return { type: "project", projectId: p.id };
    if (!p.name)
      throw ZenithError.badRequest("Invalid input for field 'scope.project': an id or name is required");
    const domainId = await this.resolveDomainId(p.domain);
    const project =
      domainId === null
        ? null
        : await this.deps.prisma.project.findUnique({ where: { domainId_name: { domainId, name: p.name } } });
    if (!project) throw unauthorized(`Could not find project: ${p.name}.`);
    return { type: "project", projectId: project.id };
  }
}

/** Throttle key for a user reference: id, or domain/name (case as given). */
function describeUser(ref: UserRef): string {
  if (ref.id) return `id:${ref.id}`;
  return `${ref.domain?.id ?? ref.domain?.name ?? ""}/${ref.name ?? ""}`;
}
