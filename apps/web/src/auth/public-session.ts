import type { KeystoneSession } from "@zenith/api-client/keystone";

export const ADMIN_ROLE = "admin";

/** The session fields the portal may show; never the Keystone token. */
export interface PublicSession {
  user: { id: string; name: string; domainId: string; domainName: string };
  project: { id: string; name: string } | null;
  roles: string[];
  isAdmin: boolean;
  expiresAt: string;
}

export function toPublicSession(keystone: KeystoneSession): PublicSession {
  return {
    user: {
      id: keystone.user.id,
      name: keystone.user.name,
      domainId: keystone.user.domainId,
      domainName: keystone.user.domainName,
    },
    project: keystone.project ? { id: keystone.project.id, name: keystone.project.name } : null,
    roles: [...keystone.roles],
    isAdmin: keystone.roles.includes(ADMIN_ROLE),
    expiresAt: keystone.expiresAt,
  };
}

export function isExpired(expiresAt: string | undefined, now = Date.now()): boolean {
  if (!expiresAt) return true;
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) || at <= now;
}
