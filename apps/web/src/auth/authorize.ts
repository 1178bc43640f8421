import "server-only";
import { isOpenStackError } from "@zenith/api-client/http";
import { passwordLogin } from "@zenith/api-client/keystone";
import { browserAddress, portalLoginFetch } from "@zenith/bff/session";
import type { User } from "next-auth";
import { z } from "zod";
import { env } from "@/env";
import { InvalidCredentialsError, LoginThrottledError } from "./login-errors";

// Its issues are never shown: any failure is "invalid credentials" (login.errors.invalid).
export const LoginSchema = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
  domain: z.string().trim().min(1).default("Default"),
});

/** Credentials → Keystone password auth → the user next-auth puts in the JWT. */
export async function authorizeWithKeystone(
  credentials: Partial<Record<string, unknown>>,
  request?: Request,
): Promise<User> {
  const parsed = LoginSchema.safeParse({
    username: credentials.username,
    password: credentials.password,
    domain: credentials.domain || undefined,
  });
  if (!parsed.success) throw new InvalidCredentialsError();
  try {
    const keystone = await passwordLogin({
      authUrl: env().ZENITH_KEYSTONE_URL,
      username: parsed.data.username,
      password: parsed.data.password,
      domain: parsed.data.domain,
      // Throttling then counts this browser's failures, not every portal login's.
      fetch: portalLoginFetch({
        secret: env().ZENITH_PORTAL_SECRET,
        clientAddress: request ? browserAddress(request.headers) : undefined,
      }),
    });
    return { id: keystone.user.id, name: keystone.user.name, keystone };
  } catch (error) {
    const status = isOpenStackError(error) ? error.status : undefined;
    if (status === 401 || status === 404) throw new InvalidCredentialsError();
    if (status === 429) throw new LoginThrottledError();
    throw error;
  }
}
