import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_NAME } from "../../services/volume/limits.ts";
import type { TransferRow } from "../../services/volume/transfers.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { cinderTime } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam } from "./schemas.ts";
import { parseFlag } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZCreate = z.object({
  transfer: z.object({
    volume_id: idParam,
    name: z.string().max(MAX_NAME).nullable().optional(),
    no_snapshots: cinderBool.optional(),
  }),
});
const ZAccept = z.object({ accept: z.object({ auth_key: z.string().min(1).max(255) }) });

function renderTransfer(t: TransferRow, baseUrl: string, collection: string) {
  const self = `${baseUrl}/volume/v3/${t.projectId}/${collection}/${t.id}`;
  return {
    id: t.id,
    name: t.name,
    volume_id: t.volumeId,
    created_at: cinderTime(t.createdAt),
    links: [
      { rel: "self", href: self },
      { rel: "bookmark", href: self.replace("/v3/", "/") },
    ],
  };
}

/**
 * Volume transfers at both of Cinder's paths: `os-volume-transfer` (3.0)
 * and `volume-transfers` (3.55, with `no_snapshots`): create (the auth key
 * is in this answer only), list, show, delete, accept.
 */
export function registerTransferRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const transfers = env.volume.transfers;
  for (const collection of ["os-volume-transfer", "volume-transfers"]) {
    const base = `${VOLUME_BASE}/${collection}`;
    app.post(base, async (request, reply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:create_transfer");
      const body = parse(ZCreate, request.body).transfer;
      const { transfer, authKey } = await transfers.create(ctx.caller, {
        volumeId: body.volume_id,
        name: body.name,
        noSnapshots: body.no_snapshots,
      });
      request.log.info({ transferId: transfer.id, volumeId: transfer.volumeId }, "volume transfer offered");
      return reply.status(202).send({
        transfer: { ...renderTransfer(transfer, env.publicUrl(), collection), auth_key: authKey },
      });
    });

    const list = (detail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:get_all_transfers");
      const q = parse(z.object({ all_tenants: queryParam }).loose(), request.query);
      const rows = await transfers.list(ctx.caller, parseFlag(q.all_tenants));
      return {
        transfers: rows.map((t) => {
          const full = renderTransfer(t, env.publicUrl(), collection);
          return detail
            ? full
            : { id: full.id, name: full.name, volume_id: full.volume_id, links: full.links };
        }),
      };
    };
    app.get(base, list(false));
    app.get(`${base}/detail`, list(true));

    app.get(`${base}/:id`, async (request, reply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:get_transfer");
      const { id } = parse(ZParams, request.params);
      return { transfer: renderTransfer(await transfers.get(ctx.caller, id), env.publicUrl(), collection) };
    });

    app.delete(`${base}/:id`, async (request, reply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:delete_transfer");
      const { id } = parse(ZParams, request.params);
      await transfers.delete(ctx.caller, id);
      return reply.status(202).send();
    });

    app.post(`${base}/:id/accept`, async (request, reply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:accept_transfer");
      const { id } = parse(ZParams, request.params);
      const { accept } = parse(ZAccept, request.body);
      const t = await transfers.accept(ctx.caller, ctx.auth.user.id, id, accept.auth_key);
      request.log.info(
        { transferId: id, volumeId: t.volumeId, to: ctx.projectId },
        "volume transfer accepted",
      );
      const self = `${env.publicUrl()}/volume/v3/${ctx.projectId}/${collection}/${t.id}`;
      return reply.status(202).send({
        transfer: {
          id: t.id,
          name: t.name,
          volume_id: t.volumeId,
          links: [
            { rel: "self", href: self },
            { rel: "bookmark", href: self.replace("/v3/", "/") },
          ],
        },
      });
    });
  }
}
