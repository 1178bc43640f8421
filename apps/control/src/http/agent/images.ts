import { Readable } from "node:stream";
import { agentImageFilePath } from "@zenith/agent-protocol/compute";
import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { hostMayDownload, hostMayUpload } from "../../services/compute/agent-hub/host-scope.ts";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import { volumeHostMayDownload } from "../../services/volume/hub/host-scope.ts";
import { volumeHostMayUpload } from "../../services/volume/uploads.ts";
import { idParam, parse } from "../parse.ts";

const ZParams = z.object({ id: idParam });
const FILE_ROUTE = agentImageFilePath(":id");

/**
 * The host id the caller acts as: null for the deprecated shared token
 * (unscoped), 401 without a valid credential, 404 (like an image it may
 * not see) for a host that has not said hello yet.
 */
async function requireAgentHost(servers: ServerServices, request: FastifyRequest, id: string) {
  const principal = await servers.agentCredentials.authenticate(request.headers.authorization);
  if (!principal) throw new ZenithError("UNAUTHORIZED", "The agent credential is missing or wrong.");
  const hostId = await servers.agentCredentials.hostIdOf(principal);
  if (hostId === undefined) throw ZenithError.notFound(`Image ${id} has no data.`);
  if (hostId !== null) request.log = request.log.child({ hostId });
  return hostId;
}

/**
 * The host name a credential acts as (null for the deprecated shared
 * token), for the volume side: a volume host needs no compute host of its
 * name.
 */
async function requireAgentName(servers: ServerServices, request: FastifyRequest): Promise<string | null> {
  const principal = await servers.agentCredentials.authenticate(request.headers.authorization);
  if (!principal) throw new ZenithError("UNAUTHORIZED", "The agent credential is missing or wrong.");
  return principal.kind === "fleet" ? null : principal.host;
}

/**
 * Image bytes for agents, with their host credential instead of a user
 * token, and only what the host's desired state names: `GET` streams an
 * image one of its instances boots from, `PUT` receives the bytes of a
 * snapshot one of its instances is taking and makes the Glance image
 * active with size and checksums. Anything else is 404, as if absent.
 */
export function registerAgentImageRoutes(app: FastifyInstance, servers: ServerServices): void {
  const { prisma, imageStore } = servers;

  app.get(FILE_ROUTE, async (request, reply) => {
    const { id } = parse(ZParams, request.params);
    const name = await requireAgentName(servers, request);
    // A volume being made from the image on the caller's volume host, or an instance of its compute host booting it.
    const forVolume = name !== null && (await volumeHostMayDownload(prisma, name, id));
    const hostId = forVolume ? null : await requireAgentHost(servers, request, id);
    if (hostId !== null && !(await hostMayDownload(prisma, hostId, id))) {
      request.log.warn({ imageId: id }, "agent asked for an image none of its instances uses");
      throw ZenithError.notFound(`Image ${id} has no data.`);
    }
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
      const { id } = parse(ZParams, request.params);
      const image = await prisma.image.findFirst({ where: { id, deletedAt: null } });
      // A volume of the caller's volume host uploading into this image (os-volume_upload_image)…
      const name = await requireAgentName(servers, request);
      const volumeUpload =
        image !== null &&
        (name === null
          ? (await prisma.volume.count({ where: { uploadImageId: id, deletedAt: null } })) > 0
          : await volumeHostMayUpload(prisma, name, id));
      // …or a snapshot one of its instances is taking.
      if (!volumeUpload) {
        const hostId = await requireAgentHost(servers, request, id);
        const isSnapshot =
          image !== null &&
          typeof image.properties === "object" &&
          image.properties !== null &&
          "instance_uuid" in image.properties;
        if (!image || !isSnapshot) throw ZenithError.notFound(`Snapshot image ${id} could not be found.`);
        if (hostId !== null && !(await hostMayUpload(prisma, hostId, image))) {
          request.log.warn(
            { imageId: id },
            "agent tried to upload into a snapshot none of its instances is taking",
          );
          throw ZenithError.notFound(`Snapshot image ${id} could not be found.`);
        }
      }
      if (!image) throw ZenithError.notFound(`Snapshot image ${id} could not be found.`);
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
      request.log.info({ imageId: id, size: stored.size, volumeUpload }, "image data uploaded by an agent");
      return reply.status(204).send();
    });
  });
}
