import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { addressesOf } from "../../../services/compute/servers/networking/views.ts";
import { idParam, parse } from "../../parse.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import { serverRequest } from "./request.ts";

const ZParams = z.object({ id: idParam });
const ZNetworkParams = z.object({ id: idParam, network_label: z.string().min(1).max(255) });

/**
 * `/servers/{id}/ips` and `/ips/{network_label}` (Nova's server-ips API):
 * the `addresses` of the server, whole or of one network. Tempest's
 * volume-attach tests read them after booting a server.
 */
export function registerServerIpRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const base = "/compute/v2.1/servers/:id/ips";
  const addresses = async (servers: Awaited<ReturnType<typeof serverRequest>>["servers"], id: string) => {
    const interfaces = await servers.network.interfaces([id]);
    // Nova's ips view shows only version and addr (the OS-EXT-IPS keys are the server view's).
    return Object.fromEntries(
      Object.entries(addressesOf(interfaces.get(id) ?? [])).map(([net, list]) => [
        net,
        list.map((a) => ({ version: a.version, addr: a.addr })),
      ]),
    );
  };

  app.get(base, async (request, reply) => {
    const { caller, servers } = await serverRequest(env, request, reply, "os_compute_api:ips:index");
    const { id } = parse(ZParams, request.params);
    await servers.get(caller, id); // 404 for servers the caller cannot see
    return { addresses: await addresses(servers, id) };
  });

  app.get(`${base}/:network_label`, async (request, reply) => {
    const { caller, servers } = await serverRequest(env, request, reply, "os_compute_api:ips:show");
    const { id, network_label: label } = parse(ZNetworkParams, request.params);
    await servers.get(caller, id);
    const all = await addresses(servers, id);
    const list = all[label];
    if (list === undefined) throw ZenithError.notFound("Instance is not a member of specified network");
    return { [label]: list };
  });
}
