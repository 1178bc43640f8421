import { createHash } from "node:crypto";

/**
 * The generation of a DHCP or router spec: a digest of its content (48
 * bits, an exact integer), so it changes exactly when what the agent must
 * apply changes, with no counter for every service that touches a port,
 * subnet or floating IP to bump. Agents compare it for equality only.
 */
export function contentGeneration(spec: unknown): number {
  return createHash("sha256").update(JSON.stringify(spec)).digest().readUIntBE(0, 6);
}
