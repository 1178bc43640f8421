import { z } from "zod";
import { createHttpClient, type FetchLike, type HttpClient, OpenStackError } from "../http.ts";
import { type AuthMethod, type AuthScope, buildAuthRequest } from "./auth.ts";
import {
  type ApplicationCredential,
  type CatalogEntry,
  type Group,
  type Project,
  type Role,
  type RoleAssignment,
  type Token,
  type User,
  ZApplicationCredentialResponse,
  ZApplicationCredentialsResponse,
  ZCatalogResponse,
  ZGroupResponse,
  ZGroupsResponse,
  ZProjectResponse,
  ZProjectsResponse,
  ZRoleAssignmentsResponse,
  ZRoleResponse,
  ZRolesResponse,
  ZTokenResponse,
  ZUserResponse,
  ZUsersResponse,
} from "./schemas.ts";

export interface KeystoneClientOptions {
  /** The Keystone v3 root, e.g. `https://cloud.example.com/identity/v3`. */
  authUrl: string;
  /** Token sent as `X-Auth-Token` on every call except authentication. */
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export interface IssuedToken {
  /** The token id, from the `X-Subject-Token` response header. */
  token: string;
  body: Token;
}

export type Grantee = { userId: string } | { groupId: string };

export interface RoleAssignmentFilter {
  userId?: string | undefined;
  groupId?: string | undefined;
  projectId?: string | undefined;
  domainId?: string | undefined;
  roleId?: string | undefined;
  system?: boolean | undefined;
  /** Expands group memberships and implied roles into user assignments. */
  effective?: boolean | undefined;
  includeNames?: boolean | undefined;
  includeSubtree?: boolean | undefined;
}

export interface ProjectInput {
  name: string;
  description?: string | undefined;
  domain_id?: string | undefined;
  enabled?: boolean | undefined;
  parent_id?: string | undefined;
  tags?: string[] | undefined;
}

export interface UserInput {
  name: string;
  password?: string | undefined;
  email?: string | undefined;
  description?: string | undefined;
  domain_id?: string | undefined;
  default_project_id?: string | null | undefined;
  enabled?: boolean | undefined;
}

export interface ApplicationCredentialInput {
  name: string;
  description?: string | undefined;
  secret?: string | undefined;
  expires_at?: string | null | undefined;
  roles?: ({ id: string } | { name: string })[] | undefined;
  unrestricted?: boolean | undefined;
}

const ZAuthProjects = z.object({
  projects: z.array(
    z.object({ id: z.string(), name: z.string(), domain_id: z.string(), enabled: z.boolean() }),
  ),
});
export type AuthProject = z.infer<typeof ZAuthProjects>["projects"][number];

function granteePath(grantee: Grantee): string {
  return "userId" in grantee ? `users/${enc(grantee.userId)}` : `groups/${enc(grantee.groupId)}`;
}

const enc = encodeURIComponent;

/** Drops `undefined` values so PATCH bodies only carry what changes. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export function createKeystoneClient(options: KeystoneClientOptions) {
  const http: HttpClient = createHttpClient({
    baseUrl: options.authUrl,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });

  async function authenticate(auth: AuthMethod, scope?: AuthScope): Promise<IssuedToken> {
    const res = await http.request({
      method: "POST",
      path: "auth/tokens",
      body: buildAuthRequest(auth, scope),
      schema: ZTokenResponse,
      token: null,
    });
    const token = res.headers.get("x-subject-token");
    if (!token) throw new OpenStackError(502, "Keystone issued a token without an X-Subject-Token header");
    return { token, body: res.data.token };
  }

  return {
    http,
    authenticate,

    /** Validates `subjectToken` with the client's token (a token may validate itself). */
    async validateToken(subjectToken: string, opts: { noCatalog?: boolean } = {}): Promise<Token> {
      const res = await http.request({
        path: "auth/tokens",
        query: { nocatalog: opts.noCatalog === true },
        headers: { "X-Subject-Token": subjectToken },
        token: options.token ?? subjectToken,
        schema: ZTokenResponse,
      });
      return res.data.token;
    },

    async revokeToken(subjectToken: string): Promise<void> {
      await http.send({
        method: "DELETE",
        path: "auth/tokens",
        headers: { "X-Subject-Token": subjectToken },
      });
    },

    /** Projects the client's token may be scoped to. */
    async listAuthProjects(): Promise<AuthProject[]> {
      return (await http.request({ path: "auth/projects", schema: ZAuthProjects })).data.projects;
    },

    async getCatalog(): Promise<CatalogEntry[]> {
      return (await http.request({ path: "auth/catalog", schema: ZCatalogResponse })).data.catalog;
    },

    projects: {
      async list(filter: { domainId?: string; enabled?: boolean; name?: string; parentId?: string } = {}) {
        const res = await http.request({
          path: "projects",
          query: {
            domain_id: filter.domainId,
            enabled: filter.enabled?.toString(),
            name: filter.name,
            parent_id: filter.parentId,
          },
          schema: ZProjectsResponse,
        });
        return res.data.projects;
      },
      async get(id: string): Promise<Project> {
        return (await http.request({ path: `projects/${enc(id)}`, schema: ZProjectResponse })).data.project;
      },
      async create(project: ProjectInput): Promise<Project> {
        const res = await http.request({
          method: "POST",
          path: "projects",
          body: { project: defined({ ...project }) },
          schema: ZProjectResponse,
        });
        return res.data.project;
      },
      async update(id: string, patch: Partial<ProjectInput>): Promise<Project> {
        const res = await http.request({
          method: "PATCH",
          path: `projects/${enc(id)}`,
          body: { project: defined({ ...patch }) },
          schema: ZProjectResponse,
        });
        return res.data.project;
      },
      async delete(id: string): Promise<void> {
        await http.send({ method: "DELETE", path: `projects/${enc(id)}` });
      },
    },

    users: {
      async list(filter: { domainId?: string; enabled?: boolean; name?: string } = {}): Promise<User[]> {
        const res = await http.request({
          path: "users",
          query: { domain_id: filter.domainId, enabled: filter.enabled?.toString(), name: filter.name },
          schema: ZUsersResponse,
        });
        return res.data.users;
      },
      async get(id: string): Promise<User> {
        return (await http.request({ path: `users/${enc(id)}`, schema: ZUserResponse })).data.user;
      },
      async create(user: UserInput): Promise<User> {
        const res = await http.request({
          method: "POST",
          path: "users",
          body: { user: defined({ ...user }) },
          schema: ZUserResponse,
        });
        return res.data.user;
      },
      async update(id: string, patch: Partial<UserInput>): Promise<User> {
        const res = await http.request({
          method: "PATCH",
          path: `users/${enc(id)}`,
          body: { user: defined({ ...patch }) },
          schema: ZUserResponse,
        });
        return res.data.user;
      },
      async delete(id: string): Promise<void> {
        await http.send({ method: "DELETE", path: `users/${enc(id)}` });
      },
      /** The user's own password change; Keystone then revokes the user's tokens. */
      async changePassword(id: string, originalPassword: string, password: string): Promise<void> {
        await http.send({
          method: "POST",
          path: `users/${enc(id)}/password`,
          body: { user: { original_password: originalPassword, password } },
        });
      },
      async listGroups(id: string): Promise<Group[]> {
        return (await http.request({ path: `users/${enc(id)}/groups`, schema: ZGroupsResponse })).data.groups;
      },
      async listProjects(id: string): Promise<Project[]> {
        return (await http.request({ path: `users/${enc(id)}/projects`, schema: ZProjectsResponse })).data
          .projects;
      },
    },

    groups: {
      async list(filter: { domainId?: string; name?: string } = {}): Promise<Group[]> {
        const res = await http.request({
          path: "groups",
          query: { domain_id: filter.domainId, name: filter.name },
          schema: ZGroupsResponse,
        });
        return res.data.groups;
      },
      async get(id: string): Promise<Group> {
        return (await http.request({ path: `groups/${enc(id)}`, schema: ZGroupResponse })).data.group;
      },
      async create(group: {
        name: string;
        description?: string | undefined;
        domain_id?: string | undefined;
      }): Promise<Group> {
        const res = await http.request({
          method: "POST",
          path: "groups",
          body: { group: defined({ ...group }) },
          schema: ZGroupResponse,
        });
        return res.data.group;
      },
      async update(
        id: string,
        patch: { name?: string | undefined; description?: string | undefined },
      ): Promise<Group> {
        const res = await http.request({
          method: "PATCH",
          path: `groups/${enc(id)}`,
          body: { group: defined({ ...patch }) },
          schema: ZGroupResponse,
        });
        return res.data.group;
      },
      async delete(id: string): Promise<void> {
        await http.send({ method: "DELETE", path: `groups/${enc(id)}` });
      },
      async listUsers(id: string): Promise<User[]> {
        return (await http.request({ path: `groups/${enc(id)}/users`, schema: ZUsersResponse })).data.users;
      },
      async addUser(groupId: string, userId: string): Promise<void> {
        await http.send({ method: "PUT", path: `groups/${enc(groupId)}/users/${enc(userId)}` });
      },
      async removeUser(groupId: string, userId: string): Promise<void> {
        await http.send({ method: "DELETE", path: `groups/${enc(groupId)}/users/${enc(userId)}` });
      },
    },

    roles: {
      async list(filter: { name?: string; domainId?: string } = {}): Promise<Role[]> {
        const res = await http.request({
          path: "roles",
          query: { name: filter.name, domain_id: filter.domainId },
          schema: ZRolesResponse,
        });
        return res.data.roles;
      },
      async get(id: string): Promise<Role> {
        return (await http.request({ path: `roles/${enc(id)}`, schema: ZRoleResponse })).data.role;
      },
      async create(role: {
        name: string;
        description?: string | undefined;
        domain_id?: string | undefined;
      }): Promise<Role> {
        const res = await http.request({
          method: "POST",
          path: "roles",
          body: { role: defined({ ...role }) },
          schema: ZRoleResponse,
        });
        return res.data.role;
      },
      async update(
        id: string,
        patch: { name?: string | undefined; description?: string | undefined },
      ): Promise<Role> {
        const res = await http.request({
          method: "PATCH",
          path: `roles/${enc(id)}`,
          body: { role: defined({ ...patch }) },
          schema: ZRoleResponse,
        });
        return res.data.role;
      },
      async delete(id: string): Promise<void> {
        await http.send({ method: "DELETE", path: `roles/${enc(id)}` });
      },
    },

    grants: {
      async grantOnProject(projectId: string, grantee: Grantee, roleId: string): Promise<void> {
        await http.send({
          method: "PUT",
          path: `projects/${enc(projectId)}/${granteePath(grantee)}/roles/${enc(roleId)}`,
        });
      },
      async revokeOnProject(projectId: string, grantee: Grantee, roleId: string): Promise<void> {
        await http.send({
          method: "DELETE",
          path: `projects/${enc(projectId)}/${granteePath(grantee)}/roles/${enc(roleId)}`,
        });
      },
      /** Resolves when the grant exists; throws OpenStackError 404 when it does not. */
      async checkOnProject(projectId: string, grantee: Grantee, roleId: string): Promise<void> {
        await http.send({
          method: "HEAD",
          path: `projects/${enc(projectId)}/${granteePath(grantee)}/roles/${enc(roleId)}`,
        });
      },
      async listOnProject(projectId: string, grantee: Grantee): Promise<Role[]> {
        return (
          await http.request({
            path: `projects/${enc(projectId)}/${granteePath(grantee)}/roles`,
            schema: ZRolesResponse,
          })
        ).data.roles;
      },
    },

    roleAssignments: {
      async list(filter: RoleAssignmentFilter = {}): Promise<RoleAssignment[]> {
        const res = await http.request({
          path: "role_assignments",
          query: {
            "user.id": filter.userId,
            "group.id": filter.groupId,
            "scope.project.id": filter.projectId,
            "scope.domain.id": filter.domainId,
            "scope.system": filter.system ? "all" : undefined,
            "role.id": filter.roleId,
            effective: filter.effective,
            include_names: filter.includeNames,
            include_subtree: filter.includeSubtree,
          },
          schema: ZRoleAssignmentsResponse,
        });
        return res.data.role_assignments;
      },
    },

    applicationCredentials: {
      async list(userId: string, filter: { name?: string } = {}): Promise<ApplicationCredential[]> {
        const res = await http.request({
          path: `users/${enc(userId)}/application_credentials`,
          query: { name: filter.name },
          schema: ZApplicationCredentialsResponse,
        });
        return res.data.application_credentials;
      },
      async get(userId: string, id: string): Promise<ApplicationCredential> {
        const res = await http.request({
          path: `users/${enc(userId)}/application_credentials/${enc(id)}`,
          schema: ZApplicationCredentialResponse,
        });
        return res.data.application_credential;
      },
      /** Created for the project the client's token is scoped to; the response carries the secret once. */
      async create(userId: string, credential: ApplicationCredentialInput): Promise<ApplicationCredential> {
        const res = await http.request({
          method: "POST",
          path: `users/${enc(userId)}/application_credentials`,
          body: { application_credential: defined({ ...credential }) },
          schema: ZApplicationCredentialResponse,
        });
        return res.data.application_credential;
      },
      async delete(userId: string, id: string): Promise<void> {
        await http.send({
          method: "DELETE",
          path: `users/${enc(userId)}/application_credentials/${enc(id)}`,
        });
      },
    },
  };
}

export type KeystoneClient = ReturnType<typeof createKeystoneClient>;
