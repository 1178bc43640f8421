import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../../parse.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { serverRequest } from "./request.ts";

const ZParams = z.object({ id: idParam });
const ZVolumeParams = z.object({ id: idParam, volume_id: idParam });
const ZAttach = z.object({
  volumeAttachment: z.object({
    volumeId: idParam,
    device: z.string().max(255).nullable().optional(),
    tag: z.string().max(60).optional(),
    delete_on_termination: z.boolean().optional(),
  }),
});

interface AttachmentView {
  id: string;
  volumeId: string;
  serverId: string;
  device: string | null;
  attachmentId: string | null;
  deleteOnTermination: boolean;
  tag: string | null;
  bdmUuid: string;
}

/** One `volumeAttachment` as Nova renders it at the microversion (2.70 tag, 2.79 delete_on_termination, 2.89 ids). */
function render(mv: Microversion, a: AttachmentView) {
  const body: Record<string, unknown> = {
    device: a.device,
    serverId: a.serverId,
    volumeId: a.volumeId,
  };
  if (!atLeast(mv, 2, 89)) body.id = a.volumeId;
  if (atLeast(mv, 2, 70)) body.tag = a.tag;
  if (atLeast(mv, 2, 79)) body.delete_on_termination = a.deleteOnTermination;
  if (atLeast(mv, 2, 89)) {
    body.attachment_id = a.attachmentId;
    body.bdm_uuid = a.bdmUuid;
  }
  return body;
}

/**
 * `/servers/{id}/os-volume_attachments`: list, show, attach (the volume is
 * exported by its host and hot-plugged by the server's agent; the answer
 * comes at once with the device, as Nova's), detach (202). Volume swap
 * (`PUT`) is refused: this cloud cannot move a guest's disk between
 * volumes live.
 */
export function registerServerVolumeRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const base = "/compute/v2.1/servers/:id/os-volume_attachments";
  const mappings = async (serverId: string): Promise<AttachmentView[]> => {
    const rows = await env.compute.servers.prisma.blockDeviceMapping.findMany({
      where: { instanceId: serverId, volumeId: { not: null }, destinationType: "volume" },
      orderBy: [{ createdAt: "asc" }],
    });
    return rows.flatMap((b) =>
      b.volumeId === null
        ? []
        : [
            {
              id: b.volumeId,
              volumeId: b.volumeId,
              serverId,
              device: b.deviceName,
              attachmentId: b.attachmentId,
              deleteOnTermination: b.deleteOnTermination,
              tag: b.tag,
              bdmUuid: b.id,
            },
          ],
    );
  };

  app.get(base, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-volumes-attachments:index",
    );
    const { id } = parse(ZParams, request.params);
    await servers.get(caller, id);
    return { volumeAttachments: (await mappings(id)).map((a) => render(mv, a)) };
  });

  app.get(`${base}/:volume_id`, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-volumes-attachments:show",
    );
    const { id, volume_id } = parse(ZVolumeParams, request.params);
    await servers.get(caller, id);
    const found = (await mappings(id)).find((a) => a.volumeId === volume_id);
    if (!found) throw ZenithError.notFound(`Volume ${volume_id} is not attached to server ${id}.`);
    return { volumeAttachment: render(mv, found) };
  });

  app.post(base, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-volumes-attachments:create",
    );
    const { id } = parse(ZParams, request.params);
    const body = parse(ZAttach, request.body).volumeAttachment;
    const inst = await servers.get(caller, id);
    const settled = ["active", "stopped", "paused", "suspended", "shelved"];
    if (!settled.includes(inst.vmState) || inst.taskState !== null) {
      throw new ZenithError(
        "CONFLICT",
        `Cannot 'attach_volume' instance ${id} while it is in vm_state ${inst.vmState}${inst.taskState ? ` task_state ${inst.taskState}` : ""}`,
      );
    }
    if (!inst.host) throw new ZenithError("CONFLICT", `Server ${id} has no host to attach a volume on.`);
    const { attachment, device } = await env.volume.attachments.attachToServer(
      { projectId: caller.projectId, isAdmin: caller.admin },
      { id, projectId: inst.projectId, hostName: inst.host.host },
      body.volumeId,
      { deleteOnTermination: body.delete_on_termination ?? false, tag: body.tag ?? null },
    );
    request.log.info({ serverId: id, volumeId: body.volumeId, device }, "volume attach requested");
    const view = (await mappings(id)).find((a) => a.attachmentId === attachment.id);
    return {
      volumeAttachment: render(
        mv,
        view ?? {
          id: body.volumeId,
          volumeId: body.volumeId,
          serverId: id,
          device,
          attachmentId: attachment.id,
          deleteOnTermination: body.delete_on_termination ?? false,
          tag: body.tag ?? null,
          bdmUuid: "",
        },
      ),
    };
  });

  app.put(`${base}/:volume_id`, async (request, reply) => {
    await serverRequest(env, request, reply, "os_compute_api:os-volumes-attachments:swap");
    throw new ZenithError("CONFLICT", "Swapping a server's volume is not supported by this cloud.");
  });

  app.delete(`${base}/:volume_id`, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-volumes-attachments:delete",
    );
    const { id, volume_id } = parse(ZVolumeParams, request.params);
    const inst = await servers.get(caller, id);
    if (inst.taskState !== null) {
      throw new ZenithError(
        "CONFLICT",
        `Cannot 'detach_volume' instance ${id} while it is in task_state ${inst.taskState}`,
      );
    }
    await env.volume.attachments.detachFromServer(id, volume_id);
    request.log.info({ serverId: id, volumeId: volume_id }, "volume detach requested");
    return reply.status(202).send();
  });
}
