import type { Role } from "@zenith/db/generated";
import { newId } from "../../crypto/token-id.ts";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import { conflict, notFound, storeOrConflict } from "./errors.ts";

export class RoleService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(ctx: AuthContext, filter: { name?: string | undefined }): Promise<Role[]> {
    authorize(ctx, "identity:list_roles");
    return this.deps.prisma.role.findMany({ where: { name: filter.name }, orderBy: { name: "asc" } });
  }

  async get(ctx: AuthContext, id: string): Promise<Role> {
    authorize(ctx, "identity:get_role");
    return this.require(id);
  }

  async create(
    ctx: AuthContext,
    input: { name: string; description?: string | null | undefined },
  ): Promise<Role> {
    authorize(ctx, "identity:create_role");
    const detail = `Duplicate entry found with name ${input.name}`;
    if (await this.deps.prisma.role.findUnique({ where: { name: input.name } }))
      throw conflict("role", detail);
    return storeOrConflict("role", detail, () =>
      this.deps.prisma.role.create({
        data: { id: newId(), name: input.name, description: input.description ?? "" },
      }),
    );
  }

  async update(
    ctx: AuthContext,
    id: string,
    patch: { name?: string | undefined; description?: string | null | undefined },
  ): Promise<Role> {
    authorize(ctx, "identity:update_role");
    await this.require(id);
    const role = await storeOrConflict("role", `Duplicate entry found with name ${patch.name ?? ""}`, () =>
      this.deps.prisma.role.update({
        where: { id },
        data: { name: patch.name, description: patch.description === null ? "" : patch.description },
      }),
    );
    // Implied roles and policy go by name, so a rename changes what tokens mean.
    this.deps.tokenCache.invalidateAll();
    return role;
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, "identity:delete_role");
    await this.require(id);
    await this.deps.prisma.role.delete({ where: { id } });
    this.deps.tokenCache.invalidateAll();
  }

  async require(id: string): Promise<Role> {
    const role = await this.deps.prisma.role.findUnique({ where: { id } });
    if (!role) throw notFound("role", id);
    return role;
  }
}
