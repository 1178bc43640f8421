import { AGENT_SAMPLES_PATH, ZSampleBatch } from "@zenith/agent-protocol/metering";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import type { AgentCredentials } from "../../services/compute/agent-hub/credentials.ts";
import type { MeteringIngest } from "../../services/metering/ingest.ts";
import { parse } from "../parse.ts";

/** 20,000 samples of ~150 bytes. */
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Metering samples from agents, with their host credential. A host
 * credential writes only its own host's subjects (the batch's `host` must
 * be the credential's); the fleet credential may speak for any host.
 */
export function registerAgentMeteringRoutes(
  app: FastifyInstance,
  deps: { credentials: AgentCredentials; ingest: MeteringIngest },
): void {
  app.post(AGENT_SAMPLES_PATH, { bodyLimit: BODY_LIMIT }, async (request) => {
    const principal = await deps.credentials.authenticate(request.headers.authorization);
    if (!principal) throw new ZenithError("UNAUTHORIZED", "The agent credential is missing or wrong.");
    const batch = parse(ZSampleBatch, request.body);
    if (principal.kind !== "fleet" && principal.host !== batch.host) {
      throw new ZenithError(
        "FORBIDDEN",
        `This credential belongs to host ${principal.host}, not ${batch.host}.`,
      );
    }
    // Checked against the batch's host in both cases: a sample is stored only if its subject lives there.
    const result = await deps.ingest.ingest(batch.host, batch.samples);
    request.log.debug({ host: batch.host, ...result }, "metering samples received");
    return result;
  });
}
