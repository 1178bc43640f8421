import type { Grantee, KeystoneClient, Project } from "@zenith/api-client/keystone";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import { type ListQuery, pageOf } from "../paging.ts";

export function toProjectDto(p: Project) {
  return {
    id: p.id,
    name: p.name,
    description: p.description ?? "",
    domainId: p.domain_id,
    enabled: p.enabled,
    tags: p.tags,
  };
}
export async function listProjects(
  keystone: KeystoneClient,
  query: ListQuery<"name" | "id" | "domainId" | "enabled"> & {
    domainId?: string | undefined;
    enabled?: boolean | undefined;
  },
) {
  // domain and enabled are filtered by Keystone; the name substring, sort and page here.
  const projects = await keystone.projects.list({
    ...(query.domainId ? { domainId: query.domainId } : {}),
    ...(query.enabled !== undefined ? { enabled: query.enabled } : {}),
  });
  // Domains are projects with is_domain=true in Keystone; they are not tenants.
  const tenants = projects.filter((p) => p.is_domain !== true).map(toProjectDto);
  return pageOf(tenants, query, "name");
}

export async function getProject(keystone: KeystoneClient, id: string) {
  return toProjectDto(await keystone.projects.get(id));
}

export async function createProject(
  keystone: KeystoneClient,
  input: {
    name: string;
    description?: string | undefined;
    domainId?: string | undefined;
    enabled?: boolean | undefined;
  },
) {
  const project = await keystone.projects.create({
    name: input.name,
    description: input.description,
    domain_id: input.domainId,
    enabled: input.enabled,
  });
  return toProjectDto(project);
}

export async function updateProject(
  keystone: KeystoneClient,
  input: {
    id: string;
    name?: string | undefined;
    description?: string | undefined;
    enabled?: boolean | undefined;
  },
) {
  const project = await keystone.projects.update(input.id, {
    name: input.name,
    description: input.description,
    enabled: input.enabled,
  });
  return toProjectDto(project);
}

export async function deleteProject(keystone: KeystoneClient, id: string) {
  await keystone.projects.delete(id);
  return { ok: true as const };
}

interface Member {
  id: string;
  name: string;
  roles: { id: string; name: string }[];
}

/** Direct members (users and groups) of a project with their roles, from one role_assignments call. */
export async function projectMembers(keystone: KeystoneClient, projectId: string) {
  const assignments = await keystone.roleAssignments.list({ projectId, includeNames: true });
  const users = new Map<string, Member>();
  const groups = new Map<string, Member>();
  for (const a of assignments) {
    const actor = a.user ?? a.group;
    if (!actor) continue;
    const bucket = a.user ? users : groups;
    const entry = bucket.get(actor.id) ?? { id: actor.id, name: actor.name ?? actor.id, roles: [] };
    if (!entry.roles.some((r) => r.id === a.role.id))
      entry.roles.push({ id: a.role.id, name: a.role.name ?? a.role.id });
    bucket.set(actor.id, entry);
  }
  const byName = (a: Member, b: Member) => a.name.localeCompare(b.name);
  return { users: [...users.values()].sort(byName), groups: [...groups.values()].sort(byName) };
}

export interface GrantInput {
  projectId: string;
  userId?: string | undefined;
  groupId?: string | undefined;
  roleId: string;
}

function granteeOf(input: GrantInput): Grantee {
  if (input.userId !== undefined) return { userId: input.userId };
  if (input.groupId !== undefined) return { groupId: input.groupId };
  throw ZenithError.badRequest(say("identity.userOrGroup"), [fieldError("userId", say("field.required"))]);
}

export async function grantOnProject(keystone: KeystoneClient, input: GrantInput) {
  await keystone.grants.grantOnProject(input.projectId, granteeOf(input), input.roleId);
  return { ok: true as const };
}

export async function revokeOnProject(keystone: KeystoneClient, input: GrantInput) {
  await keystone.grants.revokeOnProject(input.projectId, granteeOf(input), input.roleId);
  return { ok: true as const };
}
