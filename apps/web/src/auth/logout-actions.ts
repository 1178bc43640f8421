"use server";

import { revokeSessionTokens } from "@zenith/bff/session";
import { headers } from "next/headers";
import { signOut } from "@/auth";
import { env } from "@/env";
import { readSessionToken } from "./session-cookie";

/** Ends the portal session and (best effort) revokes every Keystone token it holds. */
export async function logoutAction(): Promise<void> {
  const token = await readSessionToken({ headers: await headers() });
  if (token?.keystone) {
    await revokeSessionTokens({ keystoneUrl: env().ZENITH_KEYSTONE_URL, session: token.keystone });
  }
  await signOut({ redirectTo: "/login?reason=logged-out" });
}

/** After a password change Keystone has already revoked the tokens; only the cookie goes. */
export async function endSessionAfterPasswordChange(): Promise<void> {
  await signOut({ redirectTo: "/login?reason=password-changed" });
}
