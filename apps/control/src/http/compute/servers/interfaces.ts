import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { InterfaceView } from "../../../services/compute/servers/networking/views.ts";
import { idParam, parse } from "../../parse.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { serverRequest } from "./request.ts";

const ZParams = z.object({ id: idParam });
const ZPortParams = z.object({ id: idParam, port_id: idParam });
const ZUuid = z.string().min(1).max(64);

/** Nova's attach schema: net_id or port_id, at most one fixed IP. */
const ZAttach = z
  .object({
    interfaceAttachment: z
      .object({
        net_id: ZUuid.optional(),
        port_id: ZUuid.optional(),
        fixed_ips: z
          .array(z.object({ ip_address: z.union([z.ipv4(), z.ipv6()]) }))
          .max(1)
          .optional(),
        tag: z.string().max(60).optional(),
      })
      .optional(),
  })
  .optional();

/** One `interfaceAttachment` as Nova renders it (`tag` from 2.70). */
function renderInterface(mv: Microversion, i: InterfaceView) {
  return {
    net_id: i.networkId,
    port_id: i.portId,
    mac_addr: i.mac,
    port_state: i.status,
    fixed_ips: i.fixedIps.map((f) => ({ subnet_id: f.subnetId, ip_address: f.ipAddress })),
    ...(atLeast(mv, 2, 70) ? { tag: null } : {}),
  };
}

/** `/servers/{id}/os-interface`: list, show, attach (200, hot-plugged by the agent), detach (202). */
export function registerServerInterfaceRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const base = "/compute/v2.1/servers/:id/os-interface";
  app.get(base, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-attach-interfaces:list",
    );
    const { id } = parse(ZParams, request.params);
    const list = await servers.network.listInterfaces(caller, id);
    return { interfaceAttachments: list.map((i) => renderInterface(mv, i)) };
  });

  app.get(`${base}/:port_id`, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-attach-interfaces:show",
    );
    const { id, port_id } = parse(ZPortParams, request.params);
    return {
      interfaceAttachment: renderInterface(mv, await servers.network.showInterface(caller, id, port_id)),
    };
  });

  app.post(base, async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-attach-interfaces:create",
    );
    const { id } = parse(ZParams, request.params);
    const a = parse(ZAttach, request.body ?? undefined)?.interfaceAttachment;
    const attached = await servers.network.attachInterface(caller, id, {
      netId: a?.net_id,
      portId: a?.port_id,
      fixedIp: a?.fixed_ips?.[0]?.ip_address,
    });
    return { interfaceAttachment: renderInterface(mv, attached) };
  });

  app.delete(`${base}/:port_id`, async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-attach-interfaces:delete",
    );
    const { id, port_id } = parse(ZPortParams, request.params);
    await servers.network.detachInterface(caller, id, port_id);
    return reply.status(202).send();
  });
}
