import { createHash, randomBytes, randomUUID } from "node:crypto";

/**
 * `bytes` random bytes as base64url that never starts with "-": such values are
 * pasted into command lines (`openstack token revoke <id>`, `--password <p>`),
 * where argparse reads a leading dash as an option. Redrawing costs ~0.02 bits.
 */
function randomCliSafe(bytes: number): string {
  for (;;) {
    const value = randomBytes(bytes).toString("base64url");
    if (!value.startsWith("-")) return value;
  }
}

/** A bearer token: 32 random bytes, base64url (43 characters). */
export function newTokenId(): string {
  return randomCliSafe(32);
}

/** Only this digest is stored, so a database leak yields no usable token. */
export function hashTokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A secret a user types or pastes into a command line (application credentials). */
export function newCliSecret(bytes: number): string {
  return randomCliSafe(bytes);
}

/** Keystone's audit ids: 16 random bytes, urlsafe base64 without padding. */
export function newAuditId(): string {
  return randomBytes(16).toString("base64url");
}

/** Keystone-style resource id: a UUID4 as 32 hex digits. */
export function newId(): string {
  return randomUUID().replaceAll("-", "");
}

/** A generated secret or password that is easy to copy (URL-safe, 24 chars). */
export function newSecret(): string {
  return randomCliSafe(18);
}
