import { type KeystoneClient, rescope } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../messages.ts";
import { type DecodedSession, encodeSessionCookie, revokeTokens } from "../session.ts";

export async function listScopeableProjects(keystone: KeystoneClient) {
  const projects = await keystone.listAuthProjects();
  return projects
    .map((p) => ({ id: p.id, name: p.name, domainId: p.domain_id, enabled: p.enabled }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Rescopes the session's token to another project and returns the renewed
 * cookie. The project must be one the user may scope to: asking Keystone
 * blindly would turn "not yours" into a 401 that reads like a logout.
 */
export async function switchProject(opts: {
  keystone: KeystoneClient;
  session: DecodedSession;
  projectId: string;
  keystoneUrl: string;
  secret: string;
  fetch?: typeof fetch | undefined;
}) {
  const projects = await opts.keystone.listAuthProjects();
  const target = projects.find((p) => p.id === opts.projectId && p.enabled);
  if (!target) throw new ZenithError("FORBIDDEN", say("auth.noProjectAccess"));
  const next = await rescope({
    authUrl: opts.keystoneUrl,
    token: opts.session.keystone.token,
    projectId: target.id,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  // The token replaced now may still serve requests in flight; the ones replaced before it may not.
  const current = opts.session.keystone;
  await revokeTokens(opts.keystoneUrl, current.retiredTokens ?? [], opts.fetch);
  const setCookie = await encodeSessionCookie({
    session: opts.session,
    keystone: { ...next, retiredTokens: [current.token] },
    secret: opts.secret,
  });
  const project = next.project ?? { id: target.id, name: target.name };
  return { project: { id: project.id, name: project.name }, roles: next.roles, setCookie };
}
