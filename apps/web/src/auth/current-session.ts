import "server-only";
import type { Session } from "next-auth";
import { auth } from "@/auth";
import { isExpired, type PublicSession } from "./public-session";

/** Maps next-auth's session (already stripped of secrets) to the portal's shape. */
export function publicSessionFrom(session: Session | null): PublicSession | null {
  if (!session?.user?.id || !session.user.name || !session.expiresAt) return null;
  const roles = session.roles ?? [];
  return {
    user: {
      id: session.user.id,
      name: session.user.name,
      domainId: session.domain?.id ?? "default",
      domainName: session.domain?.name ?? "Default",
    },
    project: session.project ?? null,
    roles,
    // Decided once, from the Keystone session, by the BFF's rule (auth.ts session callback).
    isAdmin: session.isAdmin ?? false,
    expiresAt: session.expiresAt,
  };
}

/** The signed-in user's non-secret session, or null when absent or expired. */
export async function currentSession(): Promise<PublicSession | null> {
  const session = publicSessionFrom(await auth());
  if (!session || isExpired(session.expiresAt)) return null;
  return session;
}
