import {
  AGENT_ENROL_PATH,
  AGENT_JOIN_TOKENS_PATH,
  agentHostCredentialPath,
  ZEnrolRequest,
  ZHostName,
  ZJoinTokenRequest,
} from "@zenith/agent-protocol/enrolment";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeAgentAdmin } from "../../policy/agents.ts";
import { type AgentCredentials, bearerToken } from "../../services/compute/agent-hub/credentials.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import { parse } from "../parse.ts";

const ZHostParams = z.object({ host: ZHostName });

async function userAuth(identity: IdentityServices, request: FastifyRequest) {
  const header = request.headers["x-auth-token"];
  return identity.tokens.authenticate(typeof header === "string" && header !== "" ? header : undefined);
}

/**
 * Host enrolment: a cloud admin creates one-time join tokens; a new host
 * spends one (as its bearer token) for a credential bound to its name; a
 * cloud admin can revoke a host's credential (lost or compromised host).
 */
export function registerEnrolmentRoutes(
  app: FastifyInstance,
  deps: {
    identity: IdentityServices;
    credentials: AgentCredentials;
    /** Compute and network hubs: a revoked host loses both agents' sessions. */
    hubs: ReadonlyArray<{ disconnectHost(host: string, why: string): void }>;
  },
): void {
  app.post(AGENT_JOIN_TOKENS_PATH, async (request, reply) => {
    const auth = await userAuth(deps.identity, request);
    authorizeAgentAdmin(auth, "zenith:agents:create_join_token");
    const body = parse(ZJoinTokenRequest, request.body ?? {});
    const issued = await deps.credentials.issueJoinToken(body.ttl_seconds);
    request.log.info({ joinTokenId: issued.id, userId: auth.user.id }, "join token created");
    return reply
      .status(201)
      .send({ join_token: { token: issued.token, expires_at: issued.expiresAt.toISOString() } });
  });

  app.delete(agentHostCredentialPath(":host"), async (request, reply) => {
    const auth = await userAuth(deps.identity, request);
    authorizeAgentAdmin(auth, "zenith:agents:revoke_credential");
    const { host } = parse(ZHostParams, request.params);
    if (!(await deps.credentials.revoke(host))) throw ZenithError.notFound(`Host ${host} has no credential.`);
    for (const hub of deps.hubs) hub.disconnectHost(host, "credential revoked");
    request.log.info({ host, userId: auth.user.id }, "host credential revoked by an admin");
    return reply.status(204).send();
  });

  app.post(AGENT_ENROL_PATH, async (request, reply) => {
    const joinToken = bearerToken(request.headers.authorization);
    if (joinToken === null) throw new ZenithError("UNAUTHORIZED", "A join token is required.");
    const { host } = parse(ZEnrolRequest, request.body);
    const { credential } = await deps.credentials.enrol(joinToken, host);
    return reply.status(201).send({ host, credential });
  });
}
