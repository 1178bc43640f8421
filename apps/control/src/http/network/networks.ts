import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { requestedProject } from "../../services/network/caller.ts";
import type { NetworkCreate } from "../../services/network/networks.ts";
import type { NetworkRecord } from "../../services/network/records.ts";
import { parse } from "../parse.ts";
import { type CollectionHandlers, createAll, listBody, showBody } from "./collection.ts";
import { NETWORK_SPEC, renderNetwork } from "./render-networks.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";
import { createBody, updateBody, ZIdParams, ZNetworkCreate, ZNetworkUpdate } from "./schemas.ts";

const ZCreate = createBody("network", "networks", ZNetworkCreate);
const ZUpdate = updateBody("network", ZNetworkUpdate);

function toInput(body: z.infer<typeof ZNetworkUpdate>): Omit<NetworkCreate, "projectId"> {
  return {
    name: body.name,
    description: body.description,
    adminStateUp: body.admin_state_up,
    shared: body.shared,
    external: body["router:external"],
    networkType: body["provider:network_type"],
    physicalNetwork: body["provider:physical_network"],
    segmentationId: body["provider:segmentation_id"],
    mtu: body.mtu,
    portSecurityEnabled: body.port_security_enabled,
    tags: body.tags,
  };
}

export function registerNetworkRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const { networks } = env.network;
  const handlers: CollectionHandlers<NetworkRecord> = {
    plural: "networks",
    spec: NETWORK_SPEC,
    list: (ctx, query) => networks.list(ctx, query),
    get: (ctx, id) => networks.get(ctx, id),
    render: renderNetwork,
  };

  app.get(`${V2}/networks`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    return listBody(env, request, ctx, handlers);
  });

  app.post(`${V2}/networks`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { bulk, items } = parse(ZCreate, request.body);
    const made = await createAll(
      items,
      (body) => networks.create(ctx, { ...toInput(body), projectId: requestedProject(body) }),
      (created) => networks.delete(ctx, created.id),
    );
    const rendered = made.map((n) => renderNetwork(n, ctx));
    return reply.status(201).send(bulk ? { networks: rendered } : { network: rendered[0] });
  });

  app.get(`${V2}/networks/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    return { network: showBody(request, renderNetwork(await networks.get(ctx, id), ctx)) };
  });

  app.put(`${V2}/networks/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const body = parse(ZUpdate, request.body);
    return { network: renderNetwork(await networks.update(ctx, id, toInput(body)), ctx) };
  });

  app.delete(`${V2}/networks/:id`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    await networks.delete(ctx, id);
    return reply.status(204).send();
  });
}
