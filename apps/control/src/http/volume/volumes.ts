import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_DESCRIPTION, MAX_NAME, MAX_SPEC_KEY, MAX_SPEC_VALUE } from "../../services/volume/limits.ts";
import { MAX_PAGE, parseSorts } from "../../services/volume/volumes/list.ts";
import type { VolumeRow } from "../../services/volume/volumes/lookup.ts";
import { idParam, parse } from "../parse.ts";
import { type VolumeRequestContext, volumeContext } from "./context.ts";
import { renderVolume, renderVolumeSummary } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam } from "./schemas.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
/** Metadata as Cinder bounds it (keys and values ≤ 255), at most 128 pairs per request. */
export const ZMetadata = z
  .record(z.string().min(1).max(MAX_SPEC_KEY), z.string().max(MAX_SPEC_VALUE))
  .refine((m) => Object.keys(m).length <= 128, "at most 128 metadata items");
const ZSize = z.union([
  z
    .int()
    .min(1)
    .max(16 * 1024),
  z
    .string()
    .regex(/^[0-9]{1,6}$/, "must be an integer")
    .transform(Number)
    .pipe(
      z
        .int()
        .min(1)
        .max(16 * 1024),
    ),
]);
const ZOptId = z.string().max(64).nullable().optional();

const ZCreate = z.object({
  volume: z
    .object({
      size: ZSize.nullable().optional(),
      name: z.string().max(MAX_NAME).nullable().optional(),
      display_name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      display_description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      volume_type: z.string().max(MAX_NAME).nullable().optional(),
      availability_zone: z.string().max(MAX_NAME).nullable().optional(),
      imageRef: ZOptId,
      image_id: ZOptId,
      snapshot_id: ZOptId,
      source_volid: ZOptId,
      backup_id: ZOptId,
      consistencygroup_id: ZOptId,
      group_id: ZOptId,
      metadata: ZMetadata.nullable().optional(),
      multiattach: cinderBool.nullable().optional(),
    })
    .loose(),
});

const ZUpdate = z.object({
  volume: z
    .object({
      name: z.string().max(MAX_NAME).nullable().optional(),
      display_name: z.string().max(MAX_NAME).nullable().optional(),
      description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      display_description: z.string().max(MAX_DESCRIPTION).nullable().optional(),
      metadata: ZMetadata.optional(),
    })
    .loose(),
});

const ZListQuery = z
  .object({
    all_tenants: queryParam,
    project_id: queryParam,
    name: queryParam,
    display_name: queryParam,
    status: queryParam,
    bootable: queryParam,
    availability_zone: queryParam,
    metadata: queryParam,
    sort: queryParam,
    sort_key: queryParam,
    sort_dir: queryParam,
    limit: queryParam,
    marker: queryParam,
  })
  .loose();

const ZDeleteQuery = z.object({ cascade: queryParam, force: queryParam }).loose();

/** `metadata={'k': 'v'}` as cinderclient sends it (a Python dict literal) or JSON. */
function parseMetadataFilter(raw: string): Record<string, string> {
  try {
    return parse(ZMetadata, JSON.parse(raw.replaceAll("'", '"')));
  } catch {
    throw ZenithError.badRequest(
      `Invalid input received: metadata filter ${raw.slice(0, 64)} is not a JSON object.`,
    );
  }
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw ZenithError.badRequest("limit param must be an integer");
  return Math.min(n, MAX_PAGE);
}

export function parseFlag(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const parsed = cinderBool.safeParse(raw);
  if (!parsed.success) throw ZenithError.badRequest(`Invalid value '${raw}' for a boolean parameter.`);
  return parsed.data;
}

/** Renders volumes for the caller, with one lookup of their types' names. */
export async function renderVolumes(
  env: VolumeRouteEnv,
  ctx: VolumeRequestContext,
  rows: VolumeRow[],
  view: "create" | "show" = "show",
) {
  const names = await env.volume.volumes.typeNames(rows.map((r) => r.volumeTypeId));
  return rows.map((v) =>
    renderVolume(v, {
      mv: ctx.mv,
      isAdmin: ctx.caller.isAdmin,
      baseUrl: env.publicUrl(),
      typeName: names.get(v.volumeTypeId) ?? v.volumeTypeId,
      view,
    }),
  );
}

/** Volumes: create, list (summary and detail), show, update, delete (`/volumes`). */
export function registerVolumeCrudRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const volumes = env.volume.volumes;

  app.post(`${VOLUME_BASE}/volumes`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:create");
    const body = parse(ZCreate, request.body).volume;
    if (body.backup_id) {
      throw ZenithError.badRequest(
        "Creating a volume from a backup is done with POST /backups/{id}/restore.",
      );
    }
    if (body.consistencygroup_id || body.group_id) {
      throw ZenithError.badRequest(
        "Invalid input received: consistency groups and groups are not supported.",
      );
    }
    const created = await volumes.create(ctx.caller, ctx.auth.user.id, {
      sizeGb: body.size ?? undefined,
      name: body.name ?? body.display_name ?? null,
      description: body.description ?? body.display_description ?? null,
      volumeType: body.volume_type,
      availabilityZone: body.availability_zone,
      imageId: body.imageRef ?? body.image_id,
      snapshotId: body.snapshot_id,
      sourceVolumeId: body.source_volid,
      metadata: body.metadata ?? {},
      multiattach: body.multiattach ?? false,
    });
    request.log.info({ volumeId: created.id, size: created.sizeGb, host: created.host }, "volume created");
    const [rendered] = await renderVolumes(env, ctx, [created], "create");
    return reply.status(202).send({ volume: rendered });
  });

  const list = (detail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get_all");
    // `GET /volumes/` is Cinder's show of an empty id (404), not the list: the router
    // ignores trailing slashes, so it is told apart here (tempest checks it).
    if (!detail && request.url.split("?")[0]?.endsWith("/"))
      throw ZenithError.notFound("Volume  could not be found.");
    const q = parse(ZListQuery, request.query);
    const allProjects = parseFlag(q.all_tenants) && ctx.caller.isAdmin;
    const page = await volumes.list(ctx.caller, {
      allProjects,
      projectId: q.project_id,
      name: q.name ?? q.display_name,
      status: q.status,
      bootable: q.bootable === undefined ? undefined : parseFlag(q.bootable),
      availabilityZone: q.availability_zone,
      metadata: q.metadata === undefined ? undefined : parseMetadataFilter(q.metadata),
      sorts: parseSorts(q.sort, q.sort_key, q.sort_dir),
      limit: parseLimit(q.limit),
      marker: q.marker,
    });
    const base = env.publicUrl();
    const body: Record<string, unknown> = {
      volumes: detail
        ? await renderVolumes(env, ctx, page.items)
        : page.items.map((v) => renderVolumeSummary(v, base)),
    };
    if (page.next !== undefined) {
      const params = new URLSearchParams(
        Object.entries(q).flatMap(
          ([k, v]): Array<[string, string]> => (typeof v === "string" && k !== "marker" ? [[k, v]] : []),
        ),
      );
      params.set("marker", page.next);
      body.volumes_links = [
        {
          rel: "next",
          href: `${base}/volume/v3/${ctx.projectId}/volumes${detail ? "/detail" : ""}?${params.toString()}`,
        },
      ];
    }
    return body;
  };
  app.get(`${VOLUME_BASE}/volumes`, list(false));
  app.get(`${VOLUME_BASE}/volumes/detail`, list(true));

  app.get(`${VOLUME_BASE}/volumes/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:get");
    const { id } = parse(ZParams, request.params);
    const [rendered] = await renderVolumes(env, ctx, [await volumes.get(ctx.caller, id)]);
    return { volume: rendered };
  });

  app.put(`${VOLUME_BASE}/volumes/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:update");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZUpdate, request.body).volume;
    const updated = await volumes.update(ctx.caller, id, {
      name: body.name !== undefined ? body.name : body.display_name,
      description: body.description !== undefined ? body.description : body.display_description,
      metadata: body.metadata,
    });
    const [rendered] = await renderVolumes(env, ctx, [updated], "create");
    return { volume: rendered };
  });

  app.delete(`${VOLUME_BASE}/volumes/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume:delete");
    const { id } = parse(ZParams, request.params);
    const q = parse(ZDeleteQuery, request.query);
    const force = parseFlag(q.force);
    if (force) authorizeVolume(ctx, "volume:force_delete");
    await volumes.delete(ctx.caller, id, { cascade: parseFlag(q.cascade), force });
    request.log.info({ volumeId: id }, "volume delete requested");
    return reply.status(202).send();
  });
}
