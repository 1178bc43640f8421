import { encode } from "@auth/core/jwt";
import { TRPCError } from "@trpc/server";
import { createLogger } from "@zenith/core/logger";
import type { BffConfig, Context } from "../src/context.ts";
import { createContextFactory } from "../src/context.ts";
import { appRouter } from "../src/router.ts";
import { SESSION_COOKIE, type SessionPayload } from "../src/session.ts";
import { createCallerFactory } from "../src/trpc.ts";

export const SECRET = "test-secret-test-secret-test-secret";
export const silentLog = createLogger("bff-test", "silent");

export function keystoneSession(overrides: Partial<SessionPayload> = {}): SessionPayload {
  return {
    token: "tok-member",
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: { id: "u-demo", name: "demo", domainId: "default", domainName: "Default" },
    project: { id: "p-demo", name: "demo", domainId: "default" },
    roles: ["member", "reader"],
    ...overrides,
  };
}

/** A next-auth-style session cookie, encoded exactly as next-auth does (salt = cookie name). */
export async function sessionCookie(
  keystone: SessionPayload,
  opts: { name?: string; maxAge?: number; secret?: string } = {},
): Promise<string> {
  const name = opts.name ?? SESSION_COOKIE;
  const value = await encode({
    token: { name: keystone.user.name, sub: keystone.user.id, keystone },
    secret: opts.secret ?? SECRET,
    salt: name,
    maxAge: opts.maxAge ?? 3600,
  });
  return `${name}=${value}`;
}

const createCaller = createCallerFactory(appRouter);

export interface TestCaller {
  caller: ReturnType<typeof createCaller>;
  ctx: Context;
  cookies: string[];
}

/** A server-side caller with a real context: the cookie is decoded as on the wire. */
export async function callerFor(
  cookieHeader: string | undefined,
  config: Partial<BffConfig> = {},
): Promise<TestCaller> {
  const cookies: string[] = [];
  const createContext = createContextFactory(
    { keystoneUrl: "http://keystone.test/identity/v3", authSecret: SECRET, ...config },
    silentLog,
  );
  const ctx = await createContext({ cookieHeader, setCookie: (h) => cookies.push(h) });
  return { caller: createCaller(ctx), ctx, cookies };
}

/** The TRPCError a call fails with (anything else fails the test): for asserting codes, messages and fields. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return err;
}

/** The tRPC code a call fails with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}
