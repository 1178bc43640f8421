import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { requestedProject } from "../../services/network/caller.ts";
import type { SubnetRecord } from "../../services/network/records.ts";
import type { SubnetUpdate } from "../../services/network/subnets.ts";
import { parse } from "../parse.ts";
import { type CollectionHandlers, createAll, listBody, showBody } from "./collection.ts";
import { renderSubnet, SUBNET_SPEC } from "./render-subnets.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";
import { createBody, updateBody, ZIdParams, ZSubnetCreate, ZSubnetUpdate } from "./schemas.ts";

const ZCreate = createBody("subnet", "subnets", ZSubnetCreate);
const ZUpdate = updateBody("subnet", ZSubnetUpdate);

function toUpdate(body: z.infer<typeof ZSubnetUpdate>): SubnetUpdate {
  return {
    name: body.name,
    description: body.description,
    gatewayIp: body.gateway_ip,
    allocationPools: body.allocation_pools,
    enableDhcp: body.enable_dhcp,
    dnsNameservers: body.dns_nameservers,
    hostRoutes: body.host_routes,
    tags: body.tags,
  };
}

export function registerSubnetRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const { subnets } = env.network;
  const handlers: CollectionHandlers<SubnetRecord> = {
    plural: "subnets",
    spec: SUBNET_SPEC,
    list: (ctx, query) => subnets.list(ctx, query),
    get: (ctx, id) => subnets.get(ctx, id),
    render: renderSubnet,
  };

  app.get(`${V2}/subnets`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    return listBody(env, request, ctx, handlers);
  });

  app.post(`${V2}/subnets`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { bulk, items } = parse(ZCreate, request.body);
    const made = await createAll(
      items,
      (body) =>
        subnets.create(ctx, {
          ...toUpdate(body),
          projectId: requestedProject(body),
          networkId: body.network_id,
          cidr: body.cidr,
          subnetpoolId: body.subnetpool_id,
          prefixlen: body.prefixlen,
          useDefaultSubnetpool: body.use_default_subnetpool,
          ipVersion: body.ip_version === 4 || body.ip_version === 6 ? body.ip_version : undefined,
          ipv6RaMode: body.ipv6_ra_mode,
          ipv6AddressMode: body.ipv6_address_mode,
        }),
      (created) => subnets.delete(ctx, created.id),
    );
    const rendered = made.map(renderSubnet);
    return reply.status(201).send(bulk ? { subnets: rendered } : { subnet: rendered[0] });
  });

  app.get(`${V2}/subnets/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    return { subnet: showBody(request, renderSubnet(await subnets.get(ctx, id))) };
  });

  app.put(`${V2}/subnets/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const body = parse(ZUpdate, request.body);
    return { subnet: renderSubnet(await subnets.update(ctx, id, toUpdate(body))) };
  });

  app.delete(`${V2}/subnets/:id`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    await subnets.delete(ctx, id);
    return reply.status(204).send();
  });
}
