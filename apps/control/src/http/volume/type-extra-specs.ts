import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { ZSpecKey, ZSpecs } from "./volume-types.ts";

const ZTypeParams = z.object({ project_id: idParam, id: idParam });
const ZKeyParams = z.object({ project_id: idParam, id: idParam, key: ZSpecKey });
const ZSetBody = z.object({ extra_specs: ZSpecs });

/** `/types/{id}/extra_specs`: members read (the user-visible keys), admins write. */
export function registerVolumeTypeExtraSpecRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const types = env.volume.types;
  const base = `${VOLUME_BASE}/types/:id/extra_specs`;

  app.get(base, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:types_extra_specs:index");
    const { id } = parse(ZTypeParams, request.params);
    return { extra_specs: await types.extraSpecs(ctx.caller, id) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:types_extra_specs:create");
    const { id } = parse(ZTypeParams, request.params);
    const { extra_specs } = parse(ZSetBody, request.body);
    return { extra_specs: await types.setExtraSpecs(ctx.caller, id, extra_specs) };
  });

  app.get(`${base}/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:types_extra_specs:show");
    const { id, key } = parse(ZKeyParams, request.params);
    return { [key]: await types.extraSpec(ctx.caller, id, key) };
  });

  app.put(`${base}/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:types_extra_specs:update");
    const { id, key } = parse(ZKeyParams, request.params);
    const body = parse(ZSpecs, request.body ?? {});
    const entries = Object.entries(body);
    if (entries.length > 1) throw ZenithError.badRequest("Request body contains too many items.");
    const [entry] = entries;
    if (!entry || entry[0] !== key) throw ZenithError.badRequest("Request body and URI mismatch");
    await types.setExtraSpecs(ctx.caller, id, body);
    return body;
  });

  app.delete(`${base}/:key`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:types_extra_specs:delete");
    const { id, key } = parse(ZKeyParams, request.params);
    await types.deleteExtraSpec(ctx.caller, id, key);
    return reply.status(202).send();
  });
}
