import { CLOSE_CREDENTIAL_REVOKED, CLOSE_HOST_MISMATCH } from "@zenith/agent-protocol/enrolment";
import type { z } from "zod";
import type { AgentCredentials, AgentPrincipal } from "../compute/agent-hub/credentials.ts";

/** Why a hello is refused: the close code and reason the agent gets. */
export interface HostClaimRefusal {
  code: number;
  reason: string;
}

/**
 * Whether an authenticated agent may say hello as `host`. One rule for the
 * compute and the network agent of a host (they share its credential): a
 * host credential is bound to its host name and must still exist (revoked
 * after the socket was authenticated → refused); the shared token may not
 * claim an enrolled host's name. Null when the claim is allowed; a host
 * credential's use is recorded then.
 */
export async function checkHostClaim(
  credentials: AgentCredentials,
  principal: AgentPrincipal,
  host: string,
): Promise<HostClaimRefusal | null> {
  if (principal.kind === "fleet") {
    return (await credentials.isEnrolled(host))
      ? { code: CLOSE_HOST_MISMATCH, reason: `host ${host} is enrolled: use its own credential` }
      : null;
  }
  if (principal.host !== host) {
    return { code: CLOSE_HOST_MISMATCH, reason: `credential is bound to host ${principal.host}` };
  }
  if (!(await credentials.touch(host)))
    return { code: CLOSE_CREDENTIAL_REVOKED, reason: "credential revoked" };
  return null;
}

/** Close reasons are limited to 123 bytes; host names may be longer. */
export function closeReason(reason: string): string {
  return Buffer.from(reason).subarray(0, 120).toString();
}

/**
 * One agent frame as a message of `schema`, or an Error saying why not
 * (binary frame, not JSON, or the fields that failed).
 */
export function readAgentFrame<T>(
  schema: z.ZodType<T>,
  data: { toString(): string },
  isBinary: boolean,
): T | Error {
  if (isBinary) return new Error("binary frame");
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch (err) {
    return err instanceof Error ? err : new Error("not JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return new Error(parsed.error.issues.map((i) => i.path.join(".")).join(", "));
  return parsed.data;
}
