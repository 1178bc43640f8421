"use server";

import { headers } from "next/headers";
import { signOut } from "@/auth";
import { revokeKeystoneToken } from "./revoke-token";
import { readSessionToken } from "./session-cookie";

/** Ends the portal session and (best effort) revokes the Keystone token. */
export async function logoutAction(): Promise<void> {
  const token = await readSessionToken({ headers: await headers() });
  if (token?.keystone?.token) await revokeKeystoneToken(token.keystone.token);
  await signOut({ redirectTo: "/login?reason=logged-out" });
}

/** After a password change Keystone has already revoked the tokens; only the cookie goes. */
export async function endSessionAfterPasswordChange(): Promise<void> {
  await signOut({ redirectTo: "/login?reason=password-changed" });
}
