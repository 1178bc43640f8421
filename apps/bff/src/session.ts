import { decode, encode } from "@auth/core/jwt";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { z } from "zod";

/**
 * The portal's login lives in the next-auth v5 session cookie: a JWE whose
 * `keystone` claim holds the Keystone session. The BFF reads it on every
 * request and rewrites it when the user switches project.
 */

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";
/** next-auth's default session lifetime, used when a token carries no iat/exp. */
export const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
/** next-auth splits cookies above this size into `name.0`, `name.1`, … (4096 minus header overhead). */
export const CHUNK_SIZE = 4096 - 160;

export const ZKeystoneSession = z.object({
  token: z.string().min(1),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), name: z.string(), domainId: z.string(), domainName: z.string() }),
  project: z.object({ id: z.string(), name: z.string(), domainId: z.string() }).nullable(),
  roles: z.array(z.string()),
  /** Keystone's `is_admin_project` for the current project; absent when the cloud does not say. */
  isAdminProject: z.boolean().optional(),
  /**
   * Tokens this session replaced on its latest project switch: kept alive
   * for requests still in flight with them, revoked at the next switch or at logout.
   */
  retiredTokens: z.array(z.string()).max(8).optional(),
});
export type SessionPayload = z.infer<typeof ZKeystoneSession>;

export interface DecodedSession {
  cookieName: string;
  /** Every claim of the JWT, kept so a re-encode changes only `keystone`. */
  claims: Record<string, unknown>;
  keystone: SessionPayload;
  /** Seconds; the lifetime the cookie was issued with. */
  maxAge: number;
  /** Names of the cookies the session arrived in (one, or the chunks). */
  cookieNames: string[];
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/** The session cookie's value, reassembled from chunks when next-auth split it. */
export function findSessionCookie(
  cookies: Map<string, string>,
): { name: string; value: string; cookieNames: string[] } | null {
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    const whole = cookies.get(name);
    if (whole) return { name, value: whole, cookieNames: [name] };
    const chunks = [...cookies.entries()]
      .map(([key, value]) => ({ key, value, index: chunkIndex(name, key) }))
      .filter((c): c is { key: string; value: string; index: number } => c.index !== null)
      .sort((a, b) => a.index - b.index);
    if (chunks.length > 0) {
      return { name, value: chunks.map((c) => c.value).join(""), cookieNames: chunks.map((c) => c.key) };
    }
  }
  return null;
}

function chunkIndex(name: string, key: string): number | null {
  if (!key.startsWith(`${name}.`)) return null;
  const suffix = key.slice(name.length + 1);
  return /^\d+$/.test(suffix) ? Number(suffix) : null;
}

/** Decodes the session cookie; null when absent, tampered, expired as a JWT, or lacking a Keystone claim. */
export async function readSession(
  cookieHeader: string | undefined,
  secret: string,
): Promise<DecodedSession | null> {
  const found = findSessionCookie(parseCookies(cookieHeader));
  if (!found) return null;
  let claims: Record<string, unknown> | null;
  try {
    claims = await decode({ token: found.value, secret, salt: found.name });
  } catch {
    // A cookie we cannot decrypt (rotated secret, tampering) is no session, not a server error.
    return null;
  }
  if (!claims) return null;
  const keystone = ZKeystoneSession.safeParse(claims.keystone);
  if (!keystone.success) return null;
  const iat = typeof claims.iat === "number" ? claims.iat : undefined;
  const exp = typeof claims.exp === "number" ? claims.exp : undefined;
  const maxAge = iat !== undefined && exp !== undefined && exp > iat ? exp - iat : DEFAULT_MAX_AGE;
  return { cookieName: found.name, claims, keystone: keystone.data, maxAge, cookieNames: found.cookieNames };
}

export function isSessionExpired(
  session: Pick<SessionPayload, "expiresAt">,
  now: Date = new Date(),
): boolean {
  const expires = Date.parse(session.expiresAt);
  return Number.isNaN(expires) || expires <= now.getTime();
}

/**
 * Cloud admin, as the control plane decides it: admin on the current project
 * when that project is the admin project. A cloud that does not render
 * `is_admin_project` (none configured) treats every project admin as one.
 */
export function isCloudAdminSession(
  session: Pick<SessionPayload, "project" | "roles" | "isAdminProject">,
): boolean {
  return session.project !== null && session.roles.includes("admin") && session.isAdminProject !== false;
}

/** The session fields the portal may show; never the Keystone token. */
export function describeSession(session: SessionPayload) {
  return {
    user: session.user,
    project: session.project ? { id: session.project.id, name: session.project.name } : null,
    roles: session.roles,
    isAdmin: isCloudAdminSession(session),
    expiresAt: session.expiresAt,
  };
}
export type PublicSession = ReturnType<typeof describeSession>;

function cookieHeader(name: string, value: string, maxAge: number, secure: boolean): string {
  const expires = new Date(Date.now() + maxAge * 1000).toUTCString();
  const attrs = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    `Expires=${expires}`,
  ];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

/**
 * Re-encodes the session with a new `keystone` claim, same salt (the cookie
 * name) and lifetime, and returns the `Set-Cookie` headers: the cookie, or
 * its chunks, plus expiries for chunks the previous cookie used and the new one does not.
 */
export async function encodeSessionCookie(opts: {
  session: Pick<DecodedSession, "cookieName" | "claims" | "maxAge" | "cookieNames">;
  keystone: SessionPayload;
  secret: string;
}): Promise<string[]> {
  const { cookieName, claims, maxAge, cookieNames } = opts.session;
  // iat/exp/jti are set afresh by encode().
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims;
  const value = await encode({
    token: { ...rest, keystone: opts.keystone },
    secret: opts.secret,
    salt: cookieName,
    maxAge,
  });
  const secure = cookieName.startsWith("__Secure-");
  const written = new Map<string, string>();
  if (value.length <= CHUNK_SIZE) {
    written.set(cookieName, value);
  } else {
    for (let i = 0; i * CHUNK_SIZE < value.length; i++) {
      written.set(`${cookieName}.${i}`, value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE));
    }
  }
  const headers = [...written].map(([name, v]) => cookieHeader(name, v, maxAge, secure));
  for (const stale of cookieNames) {
    if (!written.has(stale))
      headers.push(`${stale}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`);
  }
  return headers;
}

/** Headers the portal's login adds so the control plane throttles per browser, not per portal. */
export const CLIENT_ADDRESS_HEADER = "x-zenith-client-address";
export const PORTAL_SECRET_HEADER = "x-zenith-portal-secret";

/**
 * The browser's address as the portal's server sees it: the nearest hop of
 * X-Forwarded-For, which the portal's server (apps/web/server.mjs) always
 * appends from the socket, so a header the browser sent cannot choose it
 * (behind a reverse proxy it is the proxy's address).
 */
export function browserAddress(headers: Headers): string | undefined {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  return hops[hops.length - 1];
}

/**
 * A fetch for login calls that names the browser's address together with
 * the per-install portal secret (the control plane ignores the address
 * without it). Without a secret or an address it is plain fetch.
 */
export function portalLoginFetch(opts: {
  secret?: string | undefined;
  clientAddress?: string | undefined;
  fetch?: typeof fetch | undefined;
}): typeof fetch {
  const base = opts.fetch ?? fetch;
  const { secret, clientAddress } = opts;
  if (!secret || !clientAddress) return base;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
    headers.set(PORTAL_SECRET_HEADER, secret);
    return base(input, { ...init, headers });
  };
}

/** Best effort, one by one: a token already expired or revoked is no reason to fail. */
export async function revokeTokens(
  keystoneUrl: string,
  tokens: string[],
  fetchImpl?: typeof fetch,
): Promise<number> {
  let revoked = 0;
  for (const token of tokens) {
    const client = createKeystoneClient({ authUrl: keystoneUrl, token, fetch: fetchImpl });
    revoked += await client.revokeToken(token).then(
      () => 1,
      () => 0,
    );
  }
  return revoked;
}

/**
 * Logout: revokes every token the session still holds (its current token
 * and those its project switches retired). The login's unscoped token was
 * revoked by the login itself once it had a scoped one.
 */
export async function revokeSessionTokens(opts: {
  keystoneUrl: string;
  /** The `keystone` claim of the session cookie, as decoded. */
  session: unknown;
  fetch?: typeof fetch | undefined;
}): Promise<number> {
  const parsed = ZKeystoneSession.safeParse(opts.session);
  if (!parsed.success) return 0;
  const { token, retiredTokens = [] } = parsed.data;
  return revokeTokens(opts.keystoneUrl, [...retiredTokens, token], opts.fetch);
}
