import { Readable } from "node:stream";
import { agentImageFilePath } from "@zenith/agent-protocol/compute";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { bearerMatches } from "../../services/compute/agent-hub/agent-token.ts";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import { idParam, parse } from "../parse.ts";

const ZParams = z.object({ id: idParam });
const FILE_ROUTE = agentImageFilePath(":id");

function requireAgent(servers: ServerServices, request: FastifyRequest): void {
  if (!bearerMatches(servers.agentToken, request.headers.authorization)) {
    throw new ZenithError("UNAUTHORIZED", "The agent token is missing or wrong.");
  }
}

/**
 * Image bytes for agents, with the agent token instead of a user token:
 * `GET` streams a boot image, `PUT` receives a snapshot's bytes and makes
 * its Glance image active with size and checksums.
 */
export function registerAgentImageRoutes(app: FastifyInstance, servers: ServerServices): void {
  const { prisma, imageStore } = servers;

  app.get(FILE_ROUTE, async (request, reply) => {
    requireAgent(servers, request);
    const { id } = parse(ZParams, request.params);
    const image = await prisma.image.findFirst({ where: { id, deletedAt: null } });
    if (image?.status !== "active" || !imageStore.exists(id)) {
      throw ZenithError.notFound(`Image ${id} has no data.`);
    }
    reply.type("application/octet-stream");
    if (image.size !== null) reply.header("content-length", image.size.toString());
    return reply.send(imageStore.read(id));
  });

  // Raw bytes, in a scope of their own so the JSON parser and Glance's own upload parser stay untouched.
  app.register(async (scope) => {
    for (const type of ["application/octet-stream", "*"]) {
      if (!scope.hasContentTypeParser(type)) {
        scope.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
      }
    }
    scope.put(FILE_ROUTE, { bodyLimit: Number.MAX_SAFE_INTEGER }, async (request, reply) => {
      requireAgent(servers, request);
      const { id } = parse(ZParams, request.params);
      const image = await prisma.image.findFirst({ where: { id, deletedAt: null } });
      const isSnapshot =
        image !== null &&
        typeof image.properties === "object" &&
        image.properties !== null &&
        "instance_uuid" in image.properties;
      if (!image || !isSnapshot) throw ZenithError.notFound(`Snapshot image ${id} could not be found.`);
      if (image.status !== "queued" && image.status !== "saving") {
        throw new ZenithError("CONFLICT", `Image ${id} is ${image.status}; it takes no more data.`);
      }
      const body: unknown = request.body;
      const stream = body instanceof Readable ? body : Readable.from(Buffer.isBuffer(body) ? [body] : []);
      const stored = await imageStore.write(id, stream);
      const updated = await prisma.image.updateMany({
        where: { id, status: { in: ["queued", "saving"] }, deletedAt: null },
        data: {
          status: "active",
          size: BigInt(stored.size),
          virtualSize: BigInt(stored.size),
          checksum: stored.md5,
          osHashAlgo: "sha512",
          osHashValue: stored.sha512,
        },
      });
      if (updated.count === 0) {
        // Deleted while uploading: the bytes have no image any more.
        await imageStore.remove(id);
        throw new ZenithError("CONFLICT", `Image ${id} was deleted during the upload.`);
      }
      request.log.info({ imageId: id, size: stored.size }, "snapshot uploaded");
      return reply.status(204).send();
    });
  });
}
