import "server-only";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { env } from "@/env";

/** Best effort: ask Keystone to revoke the token; the session ends either way. */
export async function revokeKeystoneToken(token: string): Promise<void> {
  try {
    const keystone = createKeystoneClient({ authUrl: env().ZENITH_KEYSTONE_URL, token });
    await keystone.revokeToken(token);
  } catch (error) {
    console.warn("Keystone token revocation failed:", error instanceof Error ? error.message : error);
  }
}
