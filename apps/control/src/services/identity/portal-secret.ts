import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeSecretFile } from "@zenith/core/data-dir";
import { newTokenId } from "../../crypto/token-id.ts";

/** Shortest secret accepted: 32 bytes of entropy as base64url. */
export const MIN_PORTAL_SECRET_LENGTH = 43;

/**
 * The secret the portal presents with a browser's address at login. Given
 * explicitly (ZENITH_PORTAL_SECRET), or generated once into
 * `<dataDir>/portal-secret` (mode 0600), where `npm start` hands it to the portal.
 */
export function resolvePortalSecret(opts: { explicit?: string | undefined; dataDir: string }): string {
  if (opts.explicit) return opts.explicit;
  const file = join(opts.dataDir, "portal-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= MIN_PORTAL_SECRET_LENGTH) return stored;
  }
  const secret = newTokenId();
  writeSecretFile(opts.dataDir, file, `${secret}\n`);
  return secret;
}
