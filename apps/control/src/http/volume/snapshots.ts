import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_DESCRIPTION, MAX_NAME } from "../../services/volume/limits.ts";
import { MAX_PAGE } from "../../services/volume/volumes/list.ts";
import { SnapshotStatus } from "../../services/volume/volumes/states.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { renderSnapshot, stringMap } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam } from "./schemas.ts";
import { parseFlag, ZMetadata } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZKeyParams = ZParams.extend({ key: z.string().min(1).max(255) });
const ZCreate = z.object({
  snapshot: z
    .object({
      // Cinder looks a null volume id up like any other and answers 404 (tempest checks it).
      volume_id: idParam.nullable(),
      name: z.string().max(MAX_NAME).nullable().optional(),
      display_name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      display_description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      force: cinderBool.optional(),
      metadata: ZMetadata.nullable().optional(),
    })
    .loose(),
});
const ZUpdate = z.object({
  snapshot: z
    .object({
      name: z.string().max(MAX_NAME).nullable().optional(),
      display_name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      display_description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
    })
    .loose(),
});
const ZListQuery = z
  .object({
    all_tenants: queryParam,
    volume_id: queryParam,
    status: queryParam,
    name: queryParam,
    limit: queryParam,
    marker: queryParam,
  })
  .loose();
const ZAction = z.union([
  z.object({ "os-reset_status": z.object({ status: z.string().max(64) }) }),
  z.object({ "os-force_delete": z.unknown() }),
  z.object({
    "os-update_snapshot_status": z.object({
      status: z.string().max(64),
      progress: z.string().max(8).optional(),
    }),
  }),
]);

/** Snapshots: create, list (summary/detail), show, update, delete, metadata, admin actions (`/snapshots`). */
export function registerSnapshotRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const snapshots = env.volume.snapshots;

  app.post(`${VOLUME_BASE}/snapshots`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:create_snapshot");
    const body = parse(ZCreate, request.body).snapshot;
    if (body.volume_id === null) throw ZenithError.notFound("Volume None could not be found.");
    const created = await snapshots.create(ctx.caller, ctx.auth.user.id, {
      volumeId: body.volume_id,
      name: body.name ?? body.display_name ?? null,
      description: body.description ?? body.display_description ?? null,
      force: body.force,
      metadata: body.metadata ?? {},
    });
    request.log.info({ snapshotId: created.id, volumeId: created.volumeId }, "snapshot created");
    return reply.status(202).send({
      snapshot: renderSnapshot(created, { mv: ctx.mv, isAdmin: ctx.caller.isAdmin, view: "create" }),
    });
  });

  const list = (detail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_all_snapshots");
    const q = parse(ZListQuery, request.query);
    const limit = q.limit === undefined ? MAX_PAGE : Math.min(Math.max(Number(q.limit) || 0, 0), MAX_PAGE);
    const page = await snapshots.list(ctx.caller, {
      allProjects: parseFlag(q.all_tenants),
      volumeId: q.volume_id,
      status: q.status,
      name: q.name,
      limit,
      marker: q.marker,
    });
    const render = (s: (typeof page.items)[number]) =>
      renderSnapshot(s, { mv: ctx.mv, isAdmin: ctx.caller.isAdmin, view: detail ? "show" : "create" });
    const body: Record<string, unknown> = { snapshots: page.items.map(render) };
    if (page.next) {
      body.snapshots_links = [
        {
          rel: "next",
          href: `${env.publicUrl()}/volume/v3/${ctx.projectId}/snapshots${detail ? "/detail" : ""}?limit=${limit}&marker=${page.next}`,
        },
      ];
    }
    return body;
  };
  app.get(`${VOLUME_BASE}/snapshots`, list(false));
  app.get(`${VOLUME_BASE}/snapshots/detail`, list(true));

  app.get(`${VOLUME_BASE}/snapshots/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_snapshot");
    const { id } = parse(ZParams, request.params);
    return {
      snapshot: renderSnapshot(await snapshots.get(ctx.caller, id), {
        mv: ctx.mv,
        isAdmin: ctx.caller.isAdmin,
      }),
    };
  });

  app.put(`${VOLUME_BASE}/snapshots/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update_snapshot");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZUpdate, request.body).snapshot;
    const updated = await snapshots.update(ctx.caller, id, {
      name: body.name !== undefined ? body.name : body.display_name,
      description: body.description !== undefined ? body.description : body.display_description,
    });
    return {
      snapshot: renderSnapshot(updated, { mv: ctx.mv, isAdmin: ctx.caller.isAdmin, view: "create" }),
    };
  });

  app.delete(`${VOLUME_BASE}/snapshots/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:delete_snapshot");
    const { id } = parse(ZParams, request.params);
    await snapshots.delete(ctx.caller, id);
    return reply.status(202).send();
  });

  app.get(`${VOLUME_BASE}/snapshots/:id/metadata`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_snapshot_metadata");
    const { id } = parse(ZParams, request.params);
    return { metadata: stringMap((await snapshots.get(ctx.caller, id)).metadata) };
  });

  for (const method of ["post", "put"] as const) {
    app[method](`${VOLUME_BASE}/snapshots/:id/metadata`, async (request, reply) => {
      const ctx = await volumeContext(env.identity, request, reply);
      authorizeVolume(ctx, "volume:update_snapshot_metadata");
      const { id } = parse(ZParams, request.params);
      const { metadata } = parse(z.object({ metadata: ZMetadata }), request.body);
      const before = stringMap((await snapshots.get(ctx.caller, id)).metadata);
      const next = method === "post" ? { ...before, ...metadata } : metadata;
      const updated = await snapshots.update(ctx.caller, id, { metadata: next });
      return { metadata: stringMap(updated.metadata) };
    });
  }

  // One key (cinder/api/v3/snapshot_metadata.py): `volume snapshot unset --property` deletes through it.
  app.get(`${VOLUME_BASE}/snapshots/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_snapshot_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const value = stringMap((await snapshots.get(ctx.caller, id)).metadata)[key];
    if (value === undefined) throw ZenithError.notFound(`Snapshot ${id} has no metadata with key ${key}.`);
    return { meta: { [key]: value } };
  });

  app.put(`${VOLUME_BASE}/snapshots/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update_snapshot_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const { meta } = parse(z.object({ meta: ZMetadata }), request.body);
    const value = meta[key];
    if (value === undefined || Object.keys(meta).length !== 1) {
      throw ZenithError.badRequest("Request body and URI mismatch");
    }
    const before = stringMap((await snapshots.get(ctx.caller, id)).metadata);
    await snapshots.update(ctx.caller, id, { metadata: { ...before, [key]: value } });
    return { meta: { [key]: value } };
  });

  app.delete(`${VOLUME_BASE}/snapshots/:id/metadata/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:delete_snapshot_metadata");
    const { id, key } = parse(ZKeyParams, request.params);
    const metadata = stringMap((await snapshots.get(ctx.caller, id)).metadata);
    if (!(key in metadata)) throw ZenithError.notFound(`Snapshot ${id} has no metadata with key ${key}.`);
    delete metadata[key];
    await snapshots.update(ctx.caller, id, { metadata });
    return reply.status(200).send();
  });

  app.post(`${VOLUME_BASE}/snapshots/:id/action`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    const action = parse(ZAction, request.body);
    if ("os-reset_status" in action) {
      authorizeVolume(ctx, "volume_extension:snapshot_admin_actions:reset_status");
      if (!Object.values(SnapshotStatus).some((s) => s === action["os-reset_status"].status)) {
        throw ZenithError.badRequest(
          `Invalid input received: Invalid status ${action["os-reset_status"].status}.`,
        );
      }
      await snapshots.resetStatus(ctx.caller, id, action["os-reset_status"].status);
    } else if ("os-force_delete" in action) {
      authorizeVolume(ctx, "volume_extension:snapshot_admin_actions:force_delete");
      await snapshots.delete(ctx.caller, id, { force: true });
    } else {
      // Only the volume service itself moves a snapshot's status in Cinder; here nothing outside does.
      authorizeVolume(ctx, "volume_extension:snapshot_admin_actions:reset_status");
      await snapshots.resetStatus(ctx.caller, id, action["os-update_snapshot_status"].status);
    }
    return reply.status(202).send();
  });
}
