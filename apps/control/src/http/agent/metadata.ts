import {
  AGENT_METADATA_PREFIX,
  METADATA_ADDRESS_HEADER,
  METADATA_NETWORK_HEADER,
} from "@zenith/agent-protocol/network";
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Address4, Address6 } from "ip-address";
import { z } from "zod";
import type { AgentCredentials } from "../../services/compute/agent-hub/credentials.ts";
import { metadataDocument, metadataPathSegments } from "../../services/network/metadata/documents.ts";
import { findMetadataSubject } from "../../services/network/metadata/lookup.ts";
import { parse } from "../parse.ts";

const ZHeaders = z.object({
  [METADATA_NETWORK_HEADER]: z.string().min(1).max(64),
  [METADATA_ADDRESS_HEADER]: z
    .string()
    .max(64)
    .refine((a) => Address4.isValid(a) || Address6.isValid(a), "must be an IP address"),
});

/** Longer than any document path; the documents module refuses past its own, smaller bound. */
const ZPathParams = z.object({ "*": z.string().max(4096) });

const nothingHere = (): ZenithError => ZenithError.notFound("No metadata at this path.");

/**
 * The metadata service, behind the network agents' proxies: a guest's
 * `GET http://169.254.169.254/<path>` arrives here with the host's agent
 * credential, the network it came from and its source address (headers
 * set by the proxy, never by the guest). Served only for the instance that
 * holds that address on that network, and only to the host serving that
 * network's DHCP; anything else is 404.
 */
export function registerAgentMetadataRoutes(
  app: FastifyInstance,
  deps: { prisma: PrismaClient; credentials: AgentCredentials },
): void {
  const serve = async (request: FastifyRequest, reply: FastifyReply, path: string) => {
    const principal = await deps.credentials.authenticate(request.headers.authorization);
    if (!principal) throw new ZenithError("UNAUTHORIZED", "The agent credential is missing or wrong.");
    const segments = metadataPathSegments(path);
    if (segments === null) throw nothingHere();
    const headers = parse(ZHeaders, request.headers);
    const subject = await findMetadataSubject(
      deps.prisma,
      principal,
      headers[METADATA_NETWORK_HEADER],
      headers[METADATA_ADDRESS_HEADER],
    );
    const doc = metadataDocument(subject, segments);
    if (!doc) throw nothingHere();
    request.log.debug({ instanceId: subject.instance.id, path }, "metadata served");
    return reply.type(doc.contentType).send(doc.body);
  };
  app.get(`${AGENT_METADATA_PREFIX}*`, async (request, reply) => {
    const { "*": path } = parse(ZPathParams, request.params);
    return serve(request, reply, path);
  });
  // The bare prefix lists the EC2 versions, like "/" of 169.254.169.254.
  app.get(AGENT_METADATA_PREFIX.replace(/\/$/, ""), async (request, reply) => serve(request, reply, ""));
}
