import { createHash, randomBytes, randomUUID } from "node:crypto";

/** A bearer token: 32 random bytes, base64url (43 characters). */
export function newTokenId(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this digest is stored, so a database leak yields no usable token. */
export function hashTokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
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
  return randomBytes(18).toString("base64url");
}
