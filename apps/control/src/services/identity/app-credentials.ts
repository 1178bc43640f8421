import { ZenithError } from "@zenith/core/errors";
import type { ApplicationCredential } from "@zenith/db/generated";
import { hashSecret } from "../../crypto/secret-hash.ts";
import { newCliSecret, newId } from "../../crypto/token-id.ts";
import { authorize, isAllowed } from "../../policy/authorize.ts";
import type { AuthContext, NamedRef } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound, storeOrConflict } from "./errors.ts";

export interface AppCredInput {
  name: string;
  description?: string | null | undefined;
  secret?: string | null | undefined;
  expiresAt?: Date | null | undefined;
  roles?: Array<{ id?: string | undefined; name?: string | undefined }> | undefined;
  unrestricted?: boolean | undefined;
}

/** An application credential with its role names resolved. */
export interface AppCredView {
  cred: ApplicationCredential;
  roles: NamedRef[];
  /** Only set on the create response; never stored in clear. */
  secret?: string;
}

export class AppCredentialService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(
    ctx: AuthContext,
    userId: string,
    filter: { name?: string | undefined },
  ): Promise<AppCredView[]> {
    authorize(ctx, "identity:list_application_credentials", { userId });
    const creds = await this.deps.prisma.applicationCredential.findMany({
      where: { userId, name: filter.name },
      orderBy: { name: "asc" },
    });
    return this.withRoles(creds);
  }

  /** Someone else's credential reads as missing (404), never as forbidden. */
  async get(ctx: AuthContext, userId: string, id: string): Promise<AppCredView> {
    const cred = await this.findOwned(ctx, "identity:get_application_credential", userId, id);
    const [view] = await this.withRoles([cred]);
    if (!view) throw notFound("application credential", id);
    return view;
  }

  async create(ctx: AuthContext, userId: string, input: AppCredInput): Promise<AppCredView> {
    authorize(ctx, "identity:create_application_credential", { userId });
    if (userId !== ctx.user.id) {
      throw new ZenithError(
        "FORBIDDEN",
        "Application credentials can only be created for the token's own user.",
      );
    }
    if (ctx.scope.type !== "project") {
      throw new ZenithError("FORBIDDEN", "Application credentials require a project-scoped token.");
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw ZenithError.badRequest(
        "Invalid input for field 'application_credential.expires_at': must be in the future",
      );
    }
    const roles = pickRoles(ctx.roles, input.roles);
    const { prisma, config } = this.deps;
    const detail = `Duplicate entry found with name ${input.name}`;
    if (
      await prisma.applicationCredential.findUnique({ where: { userId_name: { userId, name: input.name } } })
    ) {
      throw conflict("application credential", detail);
    }
    // Keystone hands out 64-byte secrets; the caller may choose its own.
    const secret = input.secret ?? newCliSecret(48);
    const cred = await storeOrConflict("application credential", detail, async () =>
      prisma.applicationCredential.create({
        data: {
          id: newId(),
          userId,
          name: input.name,
          description: input.description ?? "",
          secretHash: await hashSecret(secret, config.scrypt),
          projectId: ctx.scope.type === "project" ? ctx.scope.project.id : "",
          roleIds: roles.map((r) => r.id),
          unrestricted: input.unrestricted ?? false,
          expiresAt: input.expiresAt ?? null,
        },
      }),
    );
    return { cred, roles, secret };
  }

  async delete(ctx: AuthContext, userId: string, id: string): Promise<void> {
    await this.findOwned(ctx, "identity:delete_application_credential", userId, id);
    await this.deps.prisma.$transaction([
      this.deps.prisma.token.updateMany({
        where: { appCredId: id, revokedAt: null },
        data: { revokedAt: new Date() },
      }),
      this.deps.prisma.applicationCredential.delete({ where: { id } }),
    ]);
    this.deps.tokenCache.invalidateAll();
  }

  private async findOwned(
    ctx: AuthContext,
    action: "identity:get_application_credential" | "identity:delete_application_credential",
    userId: string,
    id: string,
  ): Promise<ApplicationCredential> {
    if (!isAllowed(ctx, action, { userId })) throw notFound("application credential", id);
    const cred = await this.deps.prisma.applicationCredential.findUnique({ where: { id } });
    if (!cred || cred.userId !== userId) throw notFound("application credential", id);
    return cred;
  }

  private async withRoles(creds: ApplicationCredential[]): Promise<AppCredView[]> {
    const ids = [...new Set(creds.flatMap((c) => c.roleIds))];
    const roles = ids.length
      ? await this.deps.prisma.role.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
      : [];
    const byId = new Map(roles.map((r) => [r.id, r]));
    return creds.map((cred) => ({
      cred,
      roles: cred.roleIds.flatMap((id) => {
        const role = byId.get(id);
        return role ? [role] : [];
      }),
    }));
  }
}

/** Requested roles (by id or name) must be among the token's; none requested means all of them. */
function pickRoles(tokenRoles: NamedRef[], requested: AppCredInput["roles"]): NamedRef[] {
  if (!requested || requested.length === 0) return tokenRoles;
  return requested.map((want) => {
    const role = tokenRoles.find((r) => (want.id ? r.id === want.id : r.name === want.name));
    if (!role) {
      throw new ZenithError(
        "FORBIDDEN",
        `Role ${want.id ?? want.name ?? ""} is not among the roles of the token creating this credential.`,
      );
    }
    return role;
  });
}
