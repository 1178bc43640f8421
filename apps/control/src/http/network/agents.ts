import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { mayManageNetworkAgents } from "../../policy/agents.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { NetworkAgents, NetworkAgentView } from "../../services/network/agents.ts";
import { idParam, parse, queryBool } from "../parse.ts";

const ZIdParams = z.object({ id: idParam });
const ZListQuery = z.object({
  agent_type: z.string().max(255).optional(),
  host: z.string().max(255).optional(),
  binary: z.string().max(255).optional(),
  alive: queryBool,
  admin_state_up: queryBool,
});
const ZUpdate = z.object({
  agent: z
    .object({
      admin_state_up: z.boolean().optional(),
      description: z.string().max(255).nullable().optional(),
    })
    .strict(),
});

/** Neutron's timestamp form: "2017-09-12 19:40:08" (UTC, no zone). */
const neutronTime = (d: Date | null): string | null =>
  d ? d.toISOString().slice(0, 19).replace("T", " ") : null;

export function renderAgent(a: NetworkAgentView) {
  return {
    id: a.id,
    agent_type: a.agentType,
    binary: a.binary,
    host: a.host,
    topic: a.topic,
    alive: a.alive,
    admin_state_up: a.adminStateUp,
    description: a.description,
    availability_zone: a.availabilityZone,
    heartbeat_timestamp: neutronTime(a.heartbeatAt),
    started_at: neutronTime(a.startedAt),
    created_at: neutronTime(a.createdAt),
    resources_synced: null,
    configurations: a.configurations,
  };
}

/**
 * `/v2.0/agents` (admin): the Linux bridge, DHCP, L3 and metadata agents of
 * every network host, alive while their host heartbeats; `PUT` sets
 * admin_state_up or the description, `DELETE` removes an agent that is
 * down. Registered under the network service's prefix.
 */
export function registerNetworkAgentRoutes(
  app: FastifyInstance,
  deps: { identity: IdentityServices; agents: NetworkAgents },
): void {
  const auth = async (request: FastifyRequest) => {
    const header = request.headers["x-auth-token"];
    return deps.identity.tokens.authenticate(
      typeof header === "string" && header !== "" ? header : undefined,
    );
  };
  const adminOr404 = async (request: FastifyRequest, id: string) => {
    if (!mayManageNetworkAgents(await auth(request)))
      throw ZenithError.notFound(`Agent ${id} could not be found.`);
  };

  app.get("/v2.0/agents", async (request) => {
    const ctx = await auth(request);
    const q = parse(ZListQuery, request.query);
    if (!mayManageNetworkAgents(ctx)) return { agents: [] };
    const views = await deps.agents.list({
      ...(q.host ? { host: q.host } : {}),
      ...(q.agent_type ? { agentType: q.agent_type } : {}),
    });
    const shown = views.filter(
      (a) =>
        (q.binary === undefined || a.binary === q.binary) &&
        (q.alive === undefined || a.alive === q.alive) &&
        (q.admin_state_up === undefined || a.adminStateUp === q.admin_state_up),
    );
    return { agents: shown.map(renderAgent) };
  });

  app.get("/v2.0/agents/:id", async (request) => {
    const { id } = parse(ZIdParams, request.params);
    await adminOr404(request, id);
    return { agent: renderAgent(await deps.agents.get(id)) };
  });

  app.put("/v2.0/agents/:id", async (request) => {
    const { id } = parse(ZIdParams, request.params);
    await adminOr404(request, id);
    const { agent } = parse(ZUpdate, request.body);
    const updated = await deps.agents.update(id, {
      ...(agent.admin_state_up === undefined ? {} : { adminStateUp: agent.admin_state_up }),
      ...(agent.description === undefined ? {} : { description: agent.description }),
    });
    request.log.info({ agentId: id, adminStateUp: agent.admin_state_up }, "network agent updated");
    return { agent: renderAgent(updated) };
  });

  app.delete("/v2.0/agents/:id", async (request, reply) => {
    const { id } = parse(ZIdParams, request.params);
    await adminOr404(request, id);
    await deps.agents.remove(id);
    request.log.info({ agentId: id }, "network agent deleted");
    return reply.status(204).send();
  });
}
