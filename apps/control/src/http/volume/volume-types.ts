import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_DESCRIPTION, MAX_NAME, MAX_SPEC_KEY, MAX_SPEC_VALUE } from "../../services/volume/limits.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { renderVolumeType } from "./render-types.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool, queryParam } from "./schemas.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });

/** Extra spec keys and values as Cinder's columns bound them. */
export const ZSpecKey = z.string().min(1).max(MAX_SPEC_KEY);
export const ZSpecs = z.record(ZSpecKey, z.string().max(MAX_SPEC_VALUE));

const ZName = z.string().trim().min(1, "Volume type name can not be empty.").max(MAX_NAME);
const ZDescription = z.string().max(MAX_DESCRIPTION).nullable();

const ZCreate = z.object({
  volume_type: z.object({
    name: ZName,
    description: ZDescription.optional(),
    "os-volume-type-access:is_public": cinderBool.optional(),
    extra_specs: ZSpecs.optional(),
  }),
});

const ZUpdate = z.object({
  volume_type: z.object({
    name: ZName.optional(),
    description: ZDescription.optional(),
    is_public: cinderBool.optional(),
  }),
});

/** `is_public`: absent = public ones, "None" = all (admins), else a boolean; `extra_specs` from 3.52. */
const ZListQuery = z.object({ is_public: queryParam, extra_specs: queryParam }).loose();

function parseIsPublic(raw: string | undefined): boolean | null {
  if (raw === undefined) return true;
  if (raw.toLowerCase() === "none") return null;
  const parsed = cinderBool.safeParse(raw);
  if (!parsed.success) throw ZenithError.badRequest(`Invalid is_public filter [${raw}]`);
  return parsed.data;
}

/** 3.52's `extra_specs={"key":"value"}` (JSON, or the Python-literal form cinderclient sends with single quotes). */
function parseSpecFilter(raw: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(raw.replaceAll("'", '"'));
  } catch {
    throw ZenithError.badRequest(`Invalid filter extra_specs: ${raw}`);
  }
  return parse(ZSpecs, value);
}

/** Volume types: list, show, the default, and admin create/update/delete (`/types`). */
export function registerVolumeTypeRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const types = env.volume.types;

  app.get(`${VOLUME_BASE}/types`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_get_all");
    const q = parse(ZListQuery, request.query);
    const extraSpecs =
      q.extra_specs !== undefined && atLeast(ctx.mv, 3, 52) ? parseSpecFilter(q.extra_specs) : undefined;
    const list = await types.list(ctx.caller, { isPublic: parseIsPublic(q.is_public), extraSpecs });
    return { volume_types: list.map(renderVolumeType) };
  });

  // Registered before `/types/:id`; Fastify prefers the static segment either way.
  app.get(`${VOLUME_BASE}/types/default`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_get");
    return { volume_type: renderVolumeType(await types.getDefault(ctx.caller)) };
  });

  app.get(`${VOLUME_BASE}/types/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_get");
    const { id } = parse(ZParams, request.params);
    return { volume_type: renderVolumeType(await types.get(ctx.caller, id)) };
  });

  app.post(`${VOLUME_BASE}/types`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_create");
    const body = parse(ZCreate, request.body).volume_type;
    const created = await types.create(ctx.caller, {
      name: body.name,
      description: body.description,
      isPublic: body["os-volume-type-access:is_public"] ?? true,
      extraSpecs: body.extra_specs ?? {},
    });
    request.log.info({ volumeTypeId: created.id, name: created.name }, "volume type created");
    return { volume_type: renderVolumeType(created) };
  });

  app.put(`${VOLUME_BASE}/types/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_update");
    const { id } = parse(ZParams, request.params);
    const body = parse(ZUpdate, request.body).volume_type;
    if (body.name === undefined && body.description === undefined && body.is_public === undefined) {
      throw ZenithError.badRequest(
        "Specify volume type name, description, is_public or a combination thereof.",
      );
    }
    const updated = await types.update(ctx.caller, id, {
      name: body.name,
      description: body.description,
      isPublic: body.is_public,
    });
    return { volume_type: renderVolumeType(updated) };
  });

  app.delete(`${VOLUME_BASE}/types/:id`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:type_delete");
    const { id } = parse(ZParams, request.params);
    await types.delete(ctx.caller, id);
    request.log.info({ volumeTypeId: id }, "volume type deleted");
    return reply.status(202).send();
  });
}
