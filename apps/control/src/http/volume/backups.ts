import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import type { BackupRow } from "../../services/volume/backups.ts";
import { MAX_DESCRIPTION, MAX_NAME } from "../../services/volume/limits.ts";
import { MAX_PAGE } from "../../services/volume/volumes/list.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { cinderTime, stringMap } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam } from "./schemas.ts";
import { parseFlag, ZMetadata } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZCreate = z.object({
  backup: z
    .object({
      volume_id: idParam,
      name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      container: z.string().max(255).nullable().optional(),
      incremental: cinderBool.optional(),
      force: cinderBool.optional(),
      snapshot_id: idParam.nullable().optional(),
      metadata: ZMetadata.nullable().optional(),
      availability_zone: z.string().max(255).nullable().optional(),
    })
    .loose(),
});
const ZUpdate = z.object({
  backup: z
    .object({
      name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      metadata: ZMetadata.optional(),
    })
    .strict(),
});
const ZRestore = z.object({
  restore: z
    .object({
      volume_id: idParam.nullable().optional(),
      name: z.string().max(MAX_NAME).nullable().optional(),
    })
    .loose()
    .nullable(),
});
const ZListQuery = z
  .object({
    all_tenants: queryParam,
    volume_id: queryParam,
    name: queryParam,
    status: queryParam,
    limit: queryParam,
    marker: queryParam,
  })
  .loose();

/** A backup as Cinder shows it (backups/backup-show-response.json). */
function renderBackup(b: BackupRow, mv: Microversion, baseUrl: string) {
  const self = `${baseUrl}/volume/v3/${b.projectId}/backups/${b.id}`;
  const body: Record<string, unknown> = {
    id: b.id,
    name: b.name,
    description: b.description,
    status: b.status,
    volume_id: b.volumeId,
    snapshot_id: b.snapshotId,
    size: b.sizeGb,
    availability_zone: b.availabilityZone,
    container: b.container,
    object_count: b.objectCount,
    fail_reason: b.failReason,
    is_incremental: b.incremental,
    has_dependent_backups: false,
    created_at: cinderTime(b.createdAt),
    updated_at: cinderTime(b.updatedAt),
    data_timestamp: cinderTime(b.dataTimestamp),
    links: [
      { rel: "self", href: self },
      { rel: "bookmark", href: self.replace("/v3/", "/") },
    ],
  };
  if (atLeast(mv, 3, 18)) body["os-backup-project-attr:project_id"] = b.projectId;
  if (atLeast(mv, 3, 43)) body.metadata = stringMap(b.metadata);
  if (atLeast(mv, 3, 56)) body.user_id = b.userId;
  return body;
}

/** Backups: create, list (summary/detail), show, delete, restore into a new volume (`/backups`). */
export function registerBackupRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const backups = env.volume.backups;

  app.post(`${VOLUME_BASE}/backups`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "backup:create");
    const body = parse(ZCreate, request.body).backup;
    const created = await backups.create(ctx.caller, ctx.auth.user.id, {
      volumeId: body.volume_id,
      name: body.name,
      description: body.description,
      force: body.force,
      snapshotId: body.snapshot_id,
      incremental: body.incremental,
      metadata: body.metadata ?? {},
    });
    request.log.info({ backupId: created.id, volumeId: created.volumeId }, "backup requested");
    const self = `${env.publicUrl()}/volume/v3/${created.projectId}/backups/${created.id}`;
    return reply.status(202).send({
      backup: {
        id: created.id,
        name: created.name,
        links: [
          { rel: "self", href: self },
          { rel: "bookmark", href: self.replace("/v3/", "/") },
        ],
      },
    });
  });

  const list = (detail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "backup:get_all");
    const q = parse(ZListQuery, request.query);
    const limit = q.limit === undefined ? MAX_PAGE : Math.min(Math.max(Number(q.limit) || 0, 0), MAX_PAGE);
    const page = await backups.list(ctx.caller, {
      allProjects: parseFlag(q.all_tenants),
      volumeId: q.volume_id,
      name: q.name,
      status: q.status,
      limit,
      marker: q.marker,
    });
    const base = env.publicUrl();
    const body: Record<string, unknown> = {
      backups: page.items.map((b) => {
        const full = renderBackup(b, ctx.mv, base);
        return detail ? full : { id: full.id, name: full.name, links: full.links };
      }),
    };
    if (page.next) {
      body.backups_links = [
        {
          rel: "next",
          href: `${base}/volume/v3/${ctx.projectId}/backups${detail ? "/detail" : ""}?limit=${limit}&marker=${page.next}`,
        },
      ];
    }
    return body;
  };
  app.get(`${VOLUME_BASE}/backups`, list(false));
  app.get(`${VOLUME_BASE}/backups/detail`, list(true));

  app.get(`${VOLUME_BASE}/backups/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "backup:get");
    const { id } = parse(ZParams, request.params);
    return { backup: renderBackup(await backups.get(ctx.caller, id), ctx.mv, env.publicUrl()) };
  });

  // `volume backup set --name/--description` (3.9) and `--property` (3.43); Cinder has no such route below 3.9.
  app.put(`${VOLUME_BASE}/backups/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    if (!atLeast(ctx.mv, 3, 9)) {
      throw ZenithError.notFound(
        `API version ${ctx.mv.major}.${ctx.mv.minor} is not supported on this method.`,
      );
    }
    authorizeVolume(ctx, "backup:update");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZUpdate, request.body).backup;
    if (body.metadata !== undefined && !atLeast(ctx.mv, 3, 43)) {
      throw ZenithError.badRequest(
        "Invalid input for field/attribute backup: metadata needs microversion 3.43.",
      );
    }
    const updated = await backups.update(ctx.caller, id, body);
    request.log.info({ backupId: id }, "backup updated");
    return { backup: renderBackup(updated, ctx.mv, env.publicUrl()) };
  });

  app.delete(`${VOLUME_BASE}/backups/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "backup:delete");
    const { id } = parse(ZParams, request.params);
    await backups.delete(ctx.caller, id);
    return reply.status(202).send();
  });

  app.post(`${VOLUME_BASE}/backups/:id/restore`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "backup:restore");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZRestore, request.body).restore ?? {};
    const restored = await backups.restore(ctx.caller, ctx.auth.user.id, id, {
      volumeId: body.volume_id,
      name: body.name,
    });
    request.log.info({ backupId: id, volumeId: restored.volumeId }, "backup restore requested");
    return reply.status(202).send({
      restore: {
        backup_id: restored.backupId,
        volume_id: restored.volumeId,
        volume_name: restored.volumeName,
      },
    });
  });

  app.post(`${VOLUME_BASE}/backups/:id/action`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    const action = parse(
      z.union([
        z.object({ "os-force_delete": z.unknown() }),
        z.object({ "os-reset_status": z.object({ status: z.enum(["available", "error"]) }) }),
      ]),
      request.body,
    );
    if ("os-force_delete" in action) {
      authorizeVolume(ctx, "volume_extension:backup_admin_actions:force_delete");
      await backups.delete(ctx.caller, id, true);
    } else {
      authorizeVolume(ctx, "volume_extension:backup_admin_actions:reset_status");
      await backups.resetStatus(ctx.caller, id, action["os-reset_status"].status);
    }
    return reply.status(202).send();
  });
}
