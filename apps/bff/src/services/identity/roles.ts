import type { KeystoneClient, Role } from "@zenith/api-client/keystone";
import { type ListQuery, pageOf } from "../paging.ts";

export function toRoleDto(r: Role) {
  return { id: r.id, name: r.name, description: r.description ?? "" };
}

export async function listRoles(keystone: KeystoneClient, query: ListQuery<"name" | "id">) {
  // Domain-specific roles are not assignable on projects from the portal; show global roles only.
  const roles = (await keystone.roles.list()).filter((r) => !r.domain_id);
  return pageOf(roles.map(toRoleDto), query, "name");
}

export async function createRole(
  keystone: KeystoneClient,
  input: { name: string; description?: string | undefined },
) {
  return toRoleDto(await keystone.roles.create({ name: input.name, description: input.description }));
}

export async function deleteRole(keystone: KeystoneClient, id: string) {
  await keystone.roles.delete(id);
  return { ok: true as const };
}
