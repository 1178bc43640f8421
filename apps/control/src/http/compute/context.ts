import { ZenithError } from "@zenith/core/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { scopedProjectId } from "../../services/identity/auth-context.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import { type Microversion, requestedMicroversion, setMicroversionHeaders } from "./microversion.ts";

/** A validated compute request: who calls, for which project, at which microversion. */
export interface ComputeRequestContext {
  auth: AuthContext;
  /** The token's project: every compute resource is scoped to it unless policy says admin. */
  projectId: string;
  mv: Microversion;
}

/**
 * Validates X-Auth-Token (401), requires a project-scoped token (403 as
 * Nova's policy would), negotiates the microversion (406 outside the range)
 * and tags the request's logger.
 */
export async function computeContext(
  identity: IdentityServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ComputeRequestContext> {
  const mv = requestedMicroversion(request);
  setMicroversionHeaders(reply, mv);
  reply.header("x-compute-request-id", request.id);
  const token = request.headers["x-auth-token"];
  const auth = await identity.tokens.authenticate(
    typeof token === "string" && token !== "" ? token : undefined,
  );
  const projectId = scopedProjectId(auth);
  if (!projectId) {
    throw new ZenithError("FORBIDDEN", "The compute API needs a project-scoped token.");
  }
  request.log = request.log.child({ userId: auth.user.id, projectId });
  return { auth, projectId, mv };
}
