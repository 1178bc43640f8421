import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZProject = z.object({ project: idParam });
/** One action per request, as Cinder's action dispatch. */
const ZAction = z.union([
  z.strictObject({ addProjectAccess: ZProject }),
  z.strictObject({ removeProjectAccess: ZProject }),
]);

/** os-volume-type-access: who may use a private type (list, and the add/remove actions). */
export function registerVolumeTypeAccessRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const types = env.volume.types;

  app.get(`${VOLUME_BASE}/types/:id/os-volume-type-access`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:volume_type_access:get_all_for_type");
    const { id } = parse(ZParams, request.params);
    const rows = await types.accessList(ctx.caller, id);
    return {
      volume_type_access: rows.map((r) => ({ volume_type_id: r.volumeTypeId, project_id: r.projectId })),
    };
  });

  app.post(`${VOLUME_BASE}/types/:id/action`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    const body = request.body;
    if (body === null || typeof body !== "object" || Object.keys(body).length !== 1) {
      throw ZenithError.badRequest(
        "There is no such action: expected one of addProjectAccess, removeProjectAccess.",
      );
    }
    const action = parse(ZAction, body);
    if ("addProjectAccess" in action) {
      authorizeVolume(ctx, "volume_extension:volume_type_access:addProjectAccess");
      await types.addAccess(ctx.caller, id, action.addProjectAccess.project);
    } else {
      authorizeVolume(ctx, "volume_extension:volume_type_access:removeProjectAccess");
      await types.removeAccess(ctx.caller, id, action.removeProjectAccess.project);
    }
    return reply.status(202).send();
  });
}
