import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../../parse.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { serverRequest } from "./request.ts";
import { ZMetadata } from "./schemas.ts";

const ZParams = z.object({ id: idParam });
const ZKeyParams = z.object({ id: idParam, key: z.string().min(1).max(255) });
const ZMetadataBody = z.object({ metadata: ZMetadata });
const ZMetaBody = z.object({ meta: ZMetadata });

/** `/servers/{id}/metadata` and `/metadata/{key}` (Nova's server-metadata API). */
export function registerServerMetadataRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const base = "/compute/v2.1/servers/:id/metadata";

  app.get(base, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:index",
    );
    const { id } = parse(ZParams, request.params);
    return { metadata: await servers.metadata.list(caller, id) };
  });

  app.put(base, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:update_all",
    );
    const { id } = parse(ZParams, request.params);
    const { metadata } = parse(ZMetadataBody, request.body);
    return { metadata: await servers.metadata.write(caller, id, metadata, true) };
  });

  app.post(base, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:create",
    );
    const { id } = parse(ZParams, request.params);
    const { metadata } = parse(ZMetadataBody, request.body);
    return { metadata: await servers.metadata.write(caller, id, metadata, false) };
  });

  app.get(`${base}/:key`, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:show",
    );
    const { id, key } = parse(ZKeyParams, request.params);
    return { meta: { [key]: await servers.metadata.get(caller, id, key) } };
  });

  app.put(`${base}/:key`, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:update",
    );
    const { id, key } = parse(ZKeyParams, request.params);
    const { meta } = parse(ZMetaBody, request.body);
    const entries = Object.entries(meta);
    if (entries.length > 1) throw ZenithError.badRequest("Request body contains too many items");
    const value = meta[key];
    if (entries.length !== 1 || value === undefined)
      throw ZenithError.badRequest("Request body and URI mismatch");
    await servers.metadata.write(caller, id, { [key]: value }, false);
    return { meta: { [key]: value } };
  });

  app.delete(`${base}/:key`, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:server-metadata:delete",
    );
    const { id, key } = parse(ZKeyParams, request.params);
    await servers.metadata.remove(caller, id, key);
    return reply.status(204).send();
  });
}
