import { type FetchLike, OpenStackError } from "../http.ts";
import { type AuthProject, createKeystoneClient, type IssuedToken } from "./client.ts";

/** What a portal keeps about a login: the token plus the labels it shows. */
export interface KeystoneSession {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; domainId: string; domainName: string };
  project: { id: string; name: string; domainId: string } | null;
  roles: string[];
  /** Keystone's `is_admin_project`; absent when the cloud does not say (no admin project configured). */
  isAdminProject?: boolean;
}

export function sessionFromToken(issued: IssuedToken): KeystoneSession {
  const { body } = issued;
  return {
    token: issued.token,
    expiresAt: body.expires_at,
    user: {
      id: body.user.id,
      name: body.user.name,
      domainId: body.user.domain.id,
      domainName: body.user.domain.name,
    },
    project: body.project
      ? { id: body.project.id, name: body.project.name, domainId: body.project.domain.id }
      : null,
    roles: (body.roles ?? []).map((r) => r.name),
    ...(body.is_admin_project === undefined ? {} : { isAdminProject: body.is_admin_project }),
  };
}

/**
 * The project a fresh login lands in: the user's default project when they
 * may scope to it, else the first enabled one (as Horizon does).
 */
export function chooseProject(
  projects: AuthProject[],
  defaultProjectId?: string | null,
): AuthProject | undefined {
  const enabled = projects.filter((p) => p.enabled);
  return enabled.find((p) => p.id === defaultProjectId) ?? enabled[0];
}

export async function passwordLogin(opts: {
  authUrl: string;
  username: string;
  password: string;
  /** Domain NAME, default "Default". */
  domain?: string;
  projectId?: string;
  fetch?: FetchLike;
}): Promise<KeystoneSession> {
  const client = createKeystoneClient({ authUrl: opts.authUrl, fetch: opts.fetch });
  const user = { name: opts.username, domain: { name: opts.domain ?? "Default" } };
  const scope = opts.projectId ? { project: { id: opts.projectId } } : undefined;
  // Without an explicit scope Keystone may already scope to the default project.
  const first = await client.authenticate({ method: "password", user, password: opts.password }, scope);
  if (first.body.project) return sessionFromToken(first);

  const unscoped = createKeystoneClient({ authUrl: opts.authUrl, token: first.token, fetch: opts.fetch });
  const projects = await unscoped.listAuthProjects();
  // The unscoped token does not name the default project; reading the user may be forbidden by policy.
  const defaultProjectId = await unscoped.users
    .get(first.body.user.id)
    .then((u) => u.default_project_id)
    .catch(() => undefined);
  const project = chooseProject(projects, defaultProjectId);
  // A user with no project still logs in; the portal shows only what needs no project.
  if (!project) return sessionFromToken(first);
  const scoped = await unscoped.authenticate(
    { method: "token", token: first.token },
    { project: { id: project.id } },
  );
  // The unscoped token served only to find the project: revoke it rather than leave it valid (best effort).
  await unscoped.revokeToken(first.token).catch(() => undefined);
  return sessionFromToken(scoped);
}

/** Exchanges a token for one scoped to `projectId` (the token method keeps the original expiry). */
export async function rescope(opts: {
  authUrl: string;
  token: string;
  projectId: string;
  fetch?: FetchLike;
}): Promise<KeystoneSession> {
  const client = createKeystoneClient({ authUrl: opts.authUrl, fetch: opts.fetch });
  const issued = await client.authenticate(
    { method: "token", token: opts.token },
    { project: { id: opts.projectId } },
  );
  if (!issued.body.project)
    throw new OpenStackError(502, "Keystone returned an unscoped token for a project scope request");
  return sessionFromToken(issued);
}
