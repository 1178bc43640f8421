import { describeSession, isSessionExpired, type PublicSession } from "@zenith/bff/session";

/** The portal shows what the BFF's `session.me` answers: one definition, in the BFF's session module. */
export type { PublicSession };
export const toPublicSession = describeSession;

export function isExpired(expiresAt: string | undefined, now = Date.now()): boolean {
  return expiresAt === undefined || isSessionExpired({ expiresAt }, new Date(now));
}
