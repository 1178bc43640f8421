import type { KeystoneClient, RoleAssignment } from "@zenith/api-client/keystone";

const ref = (r: { id: string; name?: string | undefined }) => ({ id: r.id, name: r.name ?? r.id });

export function toAssignmentDto(a: RoleAssignment) {
  return {
    role: ref(a.role),
    ...(a.user ? { user: ref(a.user) } : {}),
    ...(a.group ? { group: ref(a.group) } : {}),
    scope: {
      ...(a.scope.project ? { project: ref(a.scope.project) } : {}),
      ...(a.scope.domain ? { domain: ref(a.scope.domain) } : {}),
      ...(a.scope.system ? { system: true } : {}),
    },
  };
}

export async function listAssignments(
  keystone: KeystoneClient,
  filter: {
    userId?: string | undefined;
    groupId?: string | undefined;
    projectId?: string | undefined;
    roleId?: string | undefined;
    effective?: boolean | undefined;
  },
) {
  const assignments = await keystone.roleAssignments.list({ ...filter, includeNames: true });
  return assignments.map(toAssignmentDto);
}
