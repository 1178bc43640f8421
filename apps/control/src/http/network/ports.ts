import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { requestedProject } from "../../services/network/caller.ts";
import type { PortUpdate } from "../../services/network/ports.ts";
import type { PortRecord } from "../../services/network/records.ts";
import { parse } from "../parse.ts";
import { type CollectionHandlers, createAll, listBody, showBody } from "./collection.ts";
import { PORT_SPEC, renderPort } from "./render-ports.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";
import { createBody, updateBody, ZIdParams, ZPortCreate, ZPortUpdate } from "./schemas.ts";

const ZCreate = createBody("port", "ports", ZPortCreate);
const ZUpdate = updateBody("port", ZPortUpdate);

function toUpdate(body: z.infer<typeof ZPortUpdate>): PortUpdate {
  return {
    name: body.name,
    description: body.description,
    adminStateUp: body.admin_state_up,
    macAddress: body.mac_address,
    fixedIps: body.fixed_ips?.map((f) => ({ subnetId: f.subnet_id, ipAddress: f.ip_address })),
    deviceId: body.device_id,
    deviceOwner: body.device_owner,
    bindingHost: body["binding:host_id"],
    // null clears the profile, as upstream.
    bindingProfile: body["binding:profile"] === null ? {} : body["binding:profile"],
    vnicType: body["binding:vnic_type"],
    securityGroups: body.security_groups === null ? [] : body.security_groups,
    portSecurityEnabled: body.port_security_enabled,
    allowedAddressPairs:
      body.allowed_address_pairs === null
        ? []
        : body.allowed_address_pairs?.map((p) => ({ ipAddress: p.ip_address, macAddress: p.mac_address })),
    dnsName: body.dns_name,
    tags: body.tags,
  };
}

export function registerPortRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const { ports } = env.network;
  const handlers: CollectionHandlers<PortRecord> = {
    plural: "ports",
    spec: PORT_SPEC,
    list: (ctx, query) => ports.list(ctx, query),
    get: (ctx, id) => ports.get(ctx, id),
    render: renderPort,
  };

  app.get(`${V2}/ports`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    return listBody(env, request, ctx, handlers);
  });

  app.post(`${V2}/ports`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { bulk, items } = parse(ZCreate, request.body);
    const made = await createAll(
      items,
      (body) =>
        ports.create(ctx, {
          ...toUpdate(body),
          networkId: body.network_id,
          projectId: requestedProject(body),
        }),
      (created) => ports.delete(ctx, created.id),
    );
    const rendered = made.map((p) => renderPort(p, ctx));
    return reply.status(201).send(bulk ? { ports: rendered } : { port: rendered[0] });
  });

  app.get(`${V2}/ports/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    return { port: showBody(request, renderPort(await ports.get(ctx, id), ctx)) };
  });

  app.put(`${V2}/ports/:id`, async (request) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    const body = parse(ZUpdate, request.body);
    return { port: renderPort(await ports.update(ctx, id, toUpdate(body)), ctx) };
  });

  app.delete(`${V2}/ports/:id`, async (request, reply) => {
    const ctx = await requireNetworkAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    await ports.delete(ctx, id);
    return reply.status(204).send();
  });
}
