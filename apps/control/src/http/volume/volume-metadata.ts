import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { stringMap } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { ZMetadata } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZKeyParams = ZParams.extend({ key: z.string().min(1).max(255) });
const ZBody = z.object({ metadata: ZMetadata });
const ZMetaBody = z.object({ meta: ZMetadata });

const metadataOf = stringMap;

/** `/volumes/{id}/metadata[/{key}]`: show, merge (POST), replace (PUT), one key, delete a key. */
export function registerVolumeMetadataRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const volumes = env.volume.volumes;
  const current = async (caller: Parameters<typeof volumes.get>[0], id: string) =>
    metadataOf((await volumes.get(caller, id)).metadata);

  app.get(`${VOLUME_BASE}/volumes/:id/metadata`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_volume_metadata");
    const { id } = parse(ZParams, request.params);
    return { metadata: await current(ctx.caller, id) };
  });

  app.post(`${VOLUME_BASE}/volumes/:id/metadata`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update_volume_metadata");
    const { id } = parse(ZParams, request.params);
    const { metadata } = parse(ZBody, request.body);
    const merged = { ...(await current(ctx.caller, id)), ...metadata };
    if (Object.keys(merged).length > 128)
      throw ZenithError.badRequest("A volume holds at most 128 metadata items.");
    const updated = await volumes.update(ctx.caller, id, { metadata: merged });
    return { metadata: metadataOf(updated.metadata) };
  });

  app.put(`${VOLUME_BASE}/volumes/:id/metadata`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update_volume_metadata");
    const { id } = parse(ZParams, request.params);
    const { metadata } = parse(ZBody, request.body);
    const updated = await volumes.update(ctx.caller, id, { metadata });
    return { metadata: metadataOf(updated.metadata) };
  });

  app.get(`${VOLUME_BASE}/volumes/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_volume_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const value = (await current(ctx.caller, id))[key];
    if (value === undefined) throw ZenithError.notFound(`Volume ${id} has no metadata with key ${key}.`);
    return { meta: { [key]: value } };
  });

  app.put(`${VOLUME_BASE}/volumes/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update_volume_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const { meta } = parse(ZMetaBody, request.body);
    const value = meta[key];
    if (value === undefined || Object.keys(meta).length !== 1) {
      throw ZenithError.badRequest("Request body and URI mismatch");
    }
    await volumes.update(ctx.caller, id, { metadata: { ...(await current(ctx.caller, id)), [key]: value } });
    return { meta: { [key]: value } };
  });

  app.delete(`${VOLUME_BASE}/volumes/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:delete_volume_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const metadata = await current(ctx.caller, id);
    if (!(key in metadata)) throw ZenithError.notFound(`Volume ${id} has no metadata with key ${key}.`);
    delete metadata[key];
    await volumes.update(ctx.caller, id, { metadata });
    return reply.status(200).send();
  });
}
