import type { KeystoneClient, User } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import { type ListQuery, pageOf } from "../paging.ts";

export function toUserDto(u: User) {
  return {
    id: u.id,
    name: u.name,
    email: u.email ?? "",
    description: u.description ?? "",
    domainId: u.domain_id,
    defaultProjectId: u.default_project_id ?? null,
    enabled: u.enabled,
  };
}

export async function listUsers(
  keystone: KeystoneClient,
  query: ListQuery<"name" | "id" | "email" | "domainId" | "enabled"> & {
    domainId?: string | undefined;
    enabled?: boolean | undefined;
  },
) {
  const users = await keystone.users.list({
    ...(query.domainId ? { domainId: query.domainId } : {}),
    ...(query.enabled !== undefined ? { enabled: query.enabled } : {}),
  });
  return pageOf(users.map(toUserDto), query, "name");
}

/** A user with their effective project roles and groups: three calls, in parallel. */
export async function getUser(keystone: KeystoneClient, id: string) {
  const [user, groups, assignments] = await Promise.all([
    keystone.users.get(id),
    keystone.users.listGroups(id),
    keystone.roleAssignments.list({ userId: id, effective: true, includeNames: true }),
  ]);
  const projects = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const a of assignments) {
    const project = a.scope.project;
    if (!project) continue;
    const entry = projects.get(project.id) ?? { id: project.id, name: project.name ?? project.id, roles: [] };
    const role = a.role.name ?? a.role.id;
    if (!entry.roles.includes(role)) entry.roles.push(role);
    projects.set(project.id, entry);
  }
  return {
    ...toUserDto(user),
    projects: [...projects.values()].sort((a, b) => a.name.localeCompare(b.name)),
    groups: groups.map((g) => ({ id: g.id, name: g.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export interface CreateUserInput {
  name: string;
  password: string;
  email?: string | undefined;
  description?: string | undefined;
  domainId?: string | undefined;
  defaultProjectId?: string | undefined;
  projectId?: string | undefined;
  roleId?: string | undefined;
  enabled?: boolean | undefined;
}

/** Creates the user and optionally grants a role; a failed grant removes the user again. */
export async function createUser(keystone: KeystoneClient, input: CreateUserInput) {
  const user = await keystone.users.create({
    name: input.name,
    password: input.password,
    email: input.email,
    description: input.description,
    domain_id: input.domainId,
    default_project_id: input.defaultProjectId ?? input.projectId,
    enabled: input.enabled,
  });
  const grantProject = input.projectId ?? input.defaultProjectId;
  if (input.roleId !== undefined && grantProject !== undefined) {
    try {
      await keystone.grants.grantOnProject(grantProject, { userId: user.id }, input.roleId);
    } catch (err) {
      await keystone.users.delete(user.id).catch(() => undefined);
      throw err;
    }
  }
  return toUserDto(user);
}

export async function updateUser(
  keystone: KeystoneClient,
  input: {
    id: string;
    name?: string | undefined;
    email?: string | undefined;
    description?: string | undefined;
    defaultProjectId?: string | null | undefined;
    enabled?: boolean | undefined;
  },
) {
  const user = await keystone.users.update(input.id, {
    name: input.name,
    email: input.email,
    description: input.description,
    default_project_id: input.defaultProjectId,
    enabled: input.enabled,
  });
  return toUserDto(user);
}

/** An administrator's reset: sets the password without knowing the old one. */
export async function setUserPassword(keystone: KeystoneClient, id: string, password: string) {
  await keystone.users.update(id, { password });
  return { ok: true as const };
}

export async function deleteUser(keystone: KeystoneClient, id: string, currentUserId: string) {
  // Horizon refuses this too: an admin deleting themself locks the portal out mid-session.
  if (id === currentUserId) throw new ZenithError("BAD_REQUEST", say("identity.cannotDeleteSelf"));
  await keystone.users.delete(id);
  return { ok: true as const };
}
