import "server-only";
import { type DecodedSession, readSession } from "@zenith/bff/session";
import { env } from "@/env";

/** The cookie names the BFF decodes too: one definition, in the BFF's session module. */
export { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@zenith/bff/session";

interface CookieSource {
  headers: Headers;
}

/** Decodes the encrypted session cookie (server side only) as the BFF does; null when absent or invalid. */
export async function readSessionToken(source: CookieSource): Promise<DecodedSession | null> {
  return readSession(source.headers.get("cookie") ?? undefined, env().AUTH_SECRET);
}
