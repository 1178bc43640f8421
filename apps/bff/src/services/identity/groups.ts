import type { Group, KeystoneClient } from "@zenith/api-client/keystone";
import { type ListQuery, pageOf } from "../paging.ts";

export function toGroupDto(g: Group) {
  return { id: g.id, name: g.name, description: g.description ?? "", domainId: g.domain_id };
}

export async function listGroups(keystone: KeystoneClient, query: ListQuery<"name" | "id" | "domainId">) {
  return pageOf((await keystone.groups.list()).map(toGroupDto), query, "name");
}

export async function createGroup(
  keystone: KeystoneClient,
  input: { name: string; description?: string | undefined },
  domainId: string,
) {
  return toGroupDto(
    await keystone.groups.create({ name: input.name, description: input.description, domain_id: domainId }),
  );
}

export async function updateGroup(
  keystone: KeystoneClient,
  input: { id: string; name?: string | undefined; description?: string | undefined },
) {
  return toGroupDto(
    await keystone.groups.update(input.id, { name: input.name, description: input.description }),
  );
}

export async function deleteGroup(keystone: KeystoneClient, id: string) {
  await keystone.groups.delete(id);
  return { ok: true as const };
}

export async function groupMembers(keystone: KeystoneClient, groupId: string) {
  const users = await keystone.groups.listUsers(groupId);
  return users.map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function addGroupUser(keystone: KeystoneClient, groupId: string, userId: string) {
  await keystone.groups.addUser(groupId, userId);
  return { ok: true as const };
}

export async function removeGroupUser(keystone: KeystoneClient, groupId: string, userId: string) {
  await keystone.groups.removeUser(groupId, userId);
  return { ok: true as const };
}
