import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_PAGE } from "../../services/volume/volumes/list.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { renderAttachment } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { queryParam } from "./schemas.ts";
import { parseFlag } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
/** os-brick's connector; only `host` (a compute host name) matters here: the export is for it. */
const ZConnector = z.object({ host: z.string().min(1).max(255) }).loose();
const ZCreate = z.object({
  attachment: z.object({
    volume_uuid: idParam,
    instance_uuid: idParam.nullable().optional(),
    connector: ZConnector.nullable().optional(),
    mode: z.enum(["rw", "ro"]).optional(),
  }),
});
const ZUpdate = z.object({ attachment: z.object({ connector: ZConnector }) });
const ZListQuery = z
  .object({ all_tenants: queryParam, volume_id: queryParam, instance_id: queryParam, limit: queryParam })
  .loose();

/** Cinder's attachment API (3.27+): create/reserve, update with a connector, complete, delete, list, show. */
export function registerAttachmentRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const attachments = env.volume.attachments;
  const needs327 = (mv: { major: number; minor: number }) => {
    if (!atLeast(mv, 3, 27))
      throw new ZenithError("NOT_FOUND", "The attachment API needs microversion 3.27 or later.");
  };

  app.post(`${VOLUME_BASE}/attachments`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_create");
    const body = parse(ZCreate, request.body).attachment;
    const created = await attachments.create(ctx.caller, {
      volumeId: body.volume_uuid,
      instanceId: body.instance_uuid ?? null,
      connectorHost: body.connector?.host ?? null,
      mode: body.mode ?? "rw",
    });
    return { attachment: renderAttachment(created) };
  });

  const list = (detail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_get_all");
    const q = parse(ZListQuery, request.query);
    const rows = await attachments.list(ctx.caller, {
      allProjects: parseFlag(q.all_tenants),
      volumeId: q.volume_id,
      instanceId: q.instance_id,
      limit: Math.min(Number(q.limit ?? MAX_PAGE) || MAX_PAGE, MAX_PAGE),
    });
    return {
      attachments: rows.map((a) =>
        detail
          ? renderAttachment(a)
          : { id: a.id, status: a.status, instance: a.instanceId, volume_id: a.volumeId },
      ),
    };
  };
  app.get(`${VOLUME_BASE}/attachments`, list(false));
  app.get(`${VOLUME_BASE}/attachments/detail`, list(true));

  app.get(`${VOLUME_BASE}/attachments/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_get");
    const { id } = parse(ZParams, request.params);
    return { attachment: renderAttachment(await attachments.get(ctx.caller, id)) };
  });

  app.put(`${VOLUME_BASE}/attachments/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_update");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZUpdate, request.body).attachment;
    return { attachment: renderAttachment(await attachments.connect(ctx.caller, id, body.connector.host)) };
  });

  app.post(`${VOLUME_BASE}/attachments/:id/action`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_complete");
    const { id } = parse(ZParams, request.params);
    parse(z.object({ "os-complete": z.unknown() }), request.body);
    await attachments.complete(ctx.caller, id);
    return reply.status(204).send();
  });

  app.delete(`${VOLUME_BASE}/attachments/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    needs327(ctx.mv);
    authorizeVolume(ctx, "volume:attachment_delete");
    const { id } = parse(ZParams, request.params);
    await attachments.remove(ctx.caller, id);
    return { attachments: [] };
  });
}
