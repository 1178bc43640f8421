import {
  AGENT_ENROL_PATH,
  AGENT_JOIN_TOKENS_PATH,
  ZEnrolRequest,
  ZJoinTokenRequest,
} from "@zenith/agent-protocol/enrolment";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { authorizeAgentAdmin } from "../../policy/agents.ts";
import { type AgentCredentials, bearerToken } from "../../services/compute/agent-hub/credentials.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import { parse } from "../parse.ts";

/**
 * Host enrolment: a cloud admin creates one-time join tokens; a new host
 * spends one (as its bearer token) for a credential bound to its name.
 */
export function registerEnrolmentRoutes(
  app: FastifyInstance,
  deps: { identity: IdentityServices; credentials: AgentCredentials },
): void {
  app.post(AGENT_JOIN_TOKENS_PATH, async (request, reply) => {
    const header = request.headers["x-auth-token"];
    const auth = await deps.identity.tokens.authenticate(
      typeof header === "string" && header !== "" ? header : undefined,
    );
    authorizeAgentAdmin(auth, "zenith:agents:create_join_token");
    const body = parse(ZJoinTokenRequest, request.body ?? {});
    const issued = await deps.credentials.issueJoinToken(body.ttl_seconds);
    request.log.info({ joinTokenId: issued.id, userId: auth.user.id }, "join token created");
    return reply
      .status(201)
      .send({ join_token: { token: issued.token, expires_at: issued.expiresAt.toISOString() } });
  });

  app.post(AGENT_ENROL_PATH, async (request, reply) => {
    const joinToken = bearerToken(request.headers.authorization);
    if (joinToken === null) throw new ZenithError("UNAUTHORIZED", "A join token is required.");
    const { host } = parse(ZEnrolRequest, request.body);
    const { credential } = await deps.credentials.enrol(joinToken, host);
    return reply.status(201).send({ host, credential });
  });
}
