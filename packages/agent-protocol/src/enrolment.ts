/**
 * How a new host gets its own credential: an admin creates a one-time join
 * token (`POST AGENT_JOIN_TOKENS_PATH` with a cloud-admin X-Auth-Token),
 * the host spends it once (`POST AGENT_ENROL_PATH` with
 * `Authorization: Bearer <join token>` and its host name) and receives a
 * secret bound to that host name, which it presents from then on.
 */
import { z } from "zod";

export const AGENT_ENROL_PATH = "/agent/v1/enrol";
export const AGENT_JOIN_TOKENS_PATH = "/agent/v1/join-tokens";

/** Same bounds as the `host` of a hello: the credential is bound to this name. */
export const ZHostName = z.string().min(1).max(255);

export const ZEnrolRequest = z.object({ host: ZHostName });
export type EnrolRequest = z.infer<typeof ZEnrolRequest>;

export const ZEnrolResponse = z.object({ host: ZHostName, credential: z.string().min(32) });
export type EnrolResponse = z.infer<typeof ZEnrolResponse>;

/** Default one hour; at most a week (a join token is meant to be used soon). */
export const ZJoinTokenRequest = z.object({
  ttl_seconds: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600)
    .optional(),
});

export const ZJoinTokenResponse = z.object({
  join_token: z.object({ token: z.string().min(32), expires_at: z.string() }),
});

/**
 * WebSocket close code for a host that claims a name its credential is not
 * bound to (or a shared-token agent claiming an enrolled host's name).
 */
export const CLOSE_HOST_MISMATCH = 4003;

/** WebSocket close code when an admin revoked the host's credential: it must enrol again. */
export const CLOSE_CREDENTIAL_REVOKED = 4001;

/** `DELETE` (cloud admin): revokes the host's credential and ends its agent's session. */
export const agentHostCredentialPath = (host: string): string => `/agent/v1/hosts/${host}/credential`;
