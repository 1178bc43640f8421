import "server-only";
import { env } from "@/env";

/** Best effort: ask Keystone to revoke the token; the session ends either way. */
export async function revokeKeystoneToken(token: string): Promise<void> {
  try {
    await fetch(`${env().ZENITH_KEYSTONE_URL}/auth/tokens`, {
      method: "DELETE",
      headers: { "X-Auth-Token": token, "X-Subject-Token": token },
      signal: AbortSignal.timeout(3000),
    });
  } catch (error) {
    console.warn("Keystone token revocation failed", error instanceof Error ? error.message : error);
  }
}
