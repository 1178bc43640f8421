import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeSecretFile } from "@zenith/core/data-dir";

/**
 * The shared secret agents present. Given explicitly (ZENITH_AGENT_TOKEN),
 * or generated once into `<dataDir>/agent-token` (mode 0600) and reused on
 * every later start so agents keep working across restarts.
 */
export function resolveAgentToken(opts: { explicit?: string | undefined; dataDir: string }): string {
  if (opts.explicit) return opts.explicit;
  const file = join(opts.dataDir, "agent-token");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored !== "") return stored;
  }
  const token = randomBytes(32).toString("base64url");
  writeSecretFile(opts.dataDir, file, `${token}\n`);
  return token;
}

/**
 * Checks `Authorization: Bearer <token>` in constant time (digests first,
 * so that neither content nor length leaks through timing).
 */
export function bearerMatches(expected: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return false;
  const a = createHash("sha256").update(m[1]).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
