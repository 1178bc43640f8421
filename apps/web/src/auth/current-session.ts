import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { isExpired, type PublicSession, toPublicSession } from "./public-session";
import { readSessionToken } from "./session-cookie";

/**
 * The signed-in user's non-secret session, or null when absent or expired.
 * Decoded from the session cookie as the proxy and the BFF decode it
 * (`readSession`: the same claims, validated), once per request. next-auth's
 * `auth()` did more on every page render: after decoding, it re-encrypted
 * the token for a rolling cookie that a server component cannot set (a
 * second HKDF key derivation, AES and HMAC per typed URL, for nothing).
 * Sign-in and sign-out still go through next-auth (src/auth.ts).
 */
export const currentSession = cache(async (): Promise<PublicSession | null> => {
  const decoded = await readSessionToken({ headers: await headers() });
  if (!decoded) return null;
  const session = toPublicSession(decoded.keystone);
  return isExpired(session.expiresAt) ? null : session;
});
