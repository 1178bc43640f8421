import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeVolume } from "../../policy/volume.ts";
import { MAX_SPEC_KEY } from "../../services/volume/limits.ts";
import { RESETTABLE_STATUSES } from "../../services/volume/volumes/states.ts";
import { idParam, parse } from "../parse.ts";
import { volumeContext } from "./context.ts";
import { atLeast } from "./microversion.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";
import { cinderBool } from "./schemas.ts";
import { ZMetadata } from "./volumes.ts";

const ZParams = z.object({ project_id: idParam, id: idParam });
const ZSize = z.union([
  z
    .int()
    .min(1)
    .max(16 * 1024),
  z
    .string()
    .regex(/^[0-9]{1,6}$/)
    .transform(Number)
    .pipe(
      z
        .int()
        .min(1)
        .max(16 * 1024),
    ),
]);

/** One action per request body, as Cinder's `POST /volumes/{id}/action` (its key names it). */
const ZAction = z.union([
  z.object({ "os-extend": z.object({ new_size: ZSize }) }),
  z.object({ "os-set_bootable": z.object({ bootable: cinderBool }) }),
  z.object({ "os-update_readonly_flag": z.object({ readonly: cinderBool }) }),
  z.object({
    "os-reset_status": z.object({
      status: z.string().max(64).optional(),
      attach_status: z.enum(["attached", "detached"]).optional(),
      migration_status: z.string().max(64).nullable().optional(),
    }),
  }),
  z.object({ "os-force_delete": z.unknown() }),
  z.object({
    "os-attach": z.object({
      instance_uuid: z.string().max(64).optional(),
      host_name: z.string().max(255).optional(),
      mountpoint: z.string().min(1).max(255),
      mode: z.enum(["rw", "ro"]).optional(),
    }),
  }),
  z.object({ "os-detach": z.object({ attachment_id: z.string().max(64).optional() }).nullable() }),
  z.object({
    "os-volume_upload_image": z.object({
      image_name: z.string().min(1).max(255),
      force: cinderBool.optional(),
      disk_format: z.enum(["raw", "qcow2"]).optional(),
      container_format: z.enum(["bare", "ovf"]).optional(),
      visibility: z.enum(["private", "public", "shared", "community"]).optional(),
      protected: cinderBool.optional(),
    }),
  }),
  z.object({ "os-reserve": z.unknown() }),
  z.object({ "os-unreserve": z.unknown() }),
  z.object({ "os-begin_detaching": z.unknown() }),
  z.object({ "os-roll_detaching": z.unknown() }),
  z.object({ "os-set_image_metadata": z.object({ metadata: ZMetadata }) }),
  z.object({ "os-unset_image_metadata": z.object({ key: z.string().min(1).max(MAX_SPEC_KEY) }) }),
  z.object({ "os-show_image_metadata": z.unknown() }),
]);

/**
 * The volume actions served: extend, bootable, read-only, reset status,
 * force delete, attach/detach bookkeeping, image metadata.
 */
export function registerVolumeActionRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  const volumes = env.volume.volumes;

  app.post(`${VOLUME_BASE}/volumes/:id/action`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    const { id } = parse(ZParams, request.params);
    const body = request.body;
    if (typeof body !== "object" || body === null || Object.keys(body).length !== 1) {
      throw ZenithError.badRequest("There is no such action: the body must hold exactly one action.");
    }
    const [name] = Object.keys(body);
    const known = [
      "os-extend",
      "os-set_bootable",
      "os-update_readonly_flag",
      "os-reset_status",
      "os-force_delete",
      "os-attach",
      "os-detach",
      "os-volume_upload_image",
      "os-reserve",
      "os-unreserve",
      "os-begin_detaching",
      "os-roll_detaching",
      "os-set_image_metadata",
      "os-unset_image_metadata",
      "os-show_image_metadata",
    ];
    if (name === undefined || !known.includes(name)) {
      throw ZenithError.badRequest(`There is no such action: ${name ?? ""}`);
    }
    const action = parse(ZAction, body);
    if ("os-extend" in action) {
      authorizeVolume(ctx, "volume:extend");
      // 3.42: attached volumes too (Cinder's online extend).
      await volumes.extend(ctx.caller, id, action["os-extend"].new_size, { inUse: atLeast(ctx.mv, 3, 42) });
      request.log.info({ volumeId: id, newSize: action["os-extend"].new_size }, "volume extend requested");
    } else if ("os-set_bootable" in action) {
      authorizeVolume(ctx, "volume:update");
      await volumes.setBootable(ctx.caller, id, action["os-set_bootable"].bootable);
      return reply.status(200).send();
    } else if ("os-update_readonly_flag" in action) {
      authorizeVolume(ctx, "volume:update_readonly_flag");
      await volumes.setReadonly(ctx.caller, id, action["os-update_readonly_flag"].readonly);
    } else if ("os-reset_status" in action) {
      authorizeVolume(ctx, "volume_extension:volume_admin_actions:reset_status");
      const change = action["os-reset_status"];
      if (change.status !== undefined && !RESETTABLE_STATUSES.includes(change.status)) {
        throw ZenithError.badRequest(`Invalid input received: Invalid status ${change.status}.`);
      }
      await volumes.resetStatus(ctx.caller, id, {
        status: change.status,
        attachStatus: change.attach_status,
        migrationStatus: change.migration_status,
      });
      request.log.info({ volumeId: id, ...change }, "volume status reset by an admin");
    } else if ("os-force_delete" in action) {
      authorizeVolume(ctx, "volume:force_delete");
      await volumes.delete(ctx.caller, id, { force: true, cascade: true });
    } else if ("os-attach" in action) {
      authorizeVolume(ctx, "volume:attach");
      const a = action["os-attach"];
      if (!a.instance_uuid && !a.host_name) {
        throw ZenithError.badRequest("Invalid request to attach volume to an invalid target");
      }
      await volumes.attach(ctx.caller, id, {
        instanceId: a.instance_uuid ?? null,
        hostName: a.host_name ?? null,
        mountpoint: a.mountpoint,
        mode: a.mode ?? "rw",
      });
    } else if ("os-detach" in action) {
      authorizeVolume(ctx, "volume:detach");
      await volumes.detach(ctx.caller, id, action["os-detach"]?.attachment_id);
    } else if ("os-volume_upload_image" in action) {
      authorizeVolume(ctx, "volume_extension:volume_actions:upload_image");
      const u = action["os-volume_upload_image"];
      const req = {
        imageName: u.image_name,
        force: u.force ?? false,
        diskFormat: u.disk_format ?? "raw",
        containerFormat: u.container_format ?? "bare",
        visibility: u.visibility ?? "private",
        protected: u.protected ?? false,
      } as const;
      const { volume, imageId } = await env.volume.uploads.start(ctx.caller, id, req);
      request.log.info({ volumeId: id, imageId }, "volume upload to image requested");
      const typeName = (await volumes.typeNames([volume.volumeTypeId])).get(volume.volumeTypeId);
      return reply.status(202).send({
        "os-volume_upload_image": {
          id: volume.id,
          updated_at: volume.updatedAt.toISOString(),
          status: volume.status,
          display_description: volume.description,
          size: volume.sizeGb,
          volume_type: typeName ? { name: typeName, id: volume.volumeTypeId } : null,
          image_id: imageId,
          container_format: req.containerFormat,
          disk_format: req.diskFormat,
          image_name: req.imageName,
          visibility: req.visibility,
          protected: req.protected,
        },
      });
    } else if ("os-reserve" in action) {
      authorizeVolume(ctx, "volume:reserve_volume");
      await volumes.markStatus(ctx.caller, id, ["available"], "attaching");
    } else if ("os-unreserve" in action) {
      authorizeVolume(ctx, "volume:unreserve_volume");
      await volumes.markStatus(ctx.caller, id, ["attaching"], "available");
    } else if ("os-begin_detaching" in action) {
      authorizeVolume(ctx, "volume:begin_detaching");
      await volumes.markStatus(ctx.caller, id, ["in-use"], "detaching");
    } else if ("os-set_image_metadata" in action) {
      // `volume set --image-property k=v`; Cinder answers 200 with the whole image metadata.
      authorizeVolume(ctx, "volume_extension:volume_image_metadata:set");
      const metadata = await volumes.setImageMetadata(
        ctx.caller,
        id,
        action["os-set_image_metadata"].metadata,
      );
      return reply.status(200).send({ metadata });
    } else if ("os-unset_image_metadata" in action) {
      // `volume unset --image-property k`: one action per key.
      authorizeVolume(ctx, "volume_extension:volume_image_metadata:remove");
      await volumes.unsetImageMetadata(ctx.caller, id, action["os-unset_image_metadata"].key);
      return reply.status(200).send();
    } else if ("os-show_image_metadata" in action) {
      authorizeVolume(ctx, "volume_extension:volume_image_metadata:show");
      return reply.status(200).send({ metadata: await volumes.imageMetadata(ctx.caller, id) });
    } else {
      authorizeVolume(ctx, "volume:roll_detaching");
      await volumes.markStatus(ctx.caller, id, ["detaching"], "in-use");
    }
    return reply.status(202).send();
  });
}
