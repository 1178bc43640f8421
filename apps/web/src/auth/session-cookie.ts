import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { env } from "@/env";

/** next-auth's default cookie names: the BFF decodes the same cookie with the same salt. */
export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";

interface CookieSource {
  headers: Headers;
}

function usesSecureCookie(headers: Headers): boolean {
  return (headers.get("cookie") ?? "").includes(SECURE_SESSION_COOKIE);
}

/** Decodes the encrypted session cookie (server side only); null when absent or invalid. */
export async function readSessionToken(source: CookieSource): Promise<JWT | null> {
  return getToken({
    req: { headers: source.headers },
    secret: env().AUTH_SECRET,
    secureCookie: usesSecureCookie(source.headers),
  });
}
