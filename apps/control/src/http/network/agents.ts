import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isNetworkAllowed, type NetworkAction } from "../../policy/network.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { agentNotFound, type NetworkAgents, type NetworkAgentView } from "../../services/network/agents.ts";
import { NETWORK_EXTENSIONS } from "../../services/network/extensions.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";
import { idParam, parse, queryBool } from "../parse.ts";
import { V2 } from "./route-env.ts";

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
  env: RouteEnv & { agents: NetworkAgents },
): void {
  if (!NETWORK_EXTENSIONS.some((e) => e.alias === "agent")) {
    NETWORK_EXTENSIONS.push({
      alias: "agent",
      name: "agent",
      description: "The agent management extension.",
      updated: "2013-02-03T10:00:00-00:00",
    });
  }
  const { agents } = env;
  // As upstream, an agent the caller may not manage does not exist for it (404, never 403).
  const allowedOr404 = (ctx: AuthContext, action: NetworkAction, id: string) => {
    if (!isNetworkAllowed(ctx, action)) throw agentNotFound(id);
  };

  app.get(`${V2}/agents`, async (request) => {
    const ctx = await requireAuth(env, request);
    const q = parse(ZListQuery, request.query);
    if (!isNetworkAllowed(ctx, "get_agent")) return { agents: [] };
    const views = await agents.list({
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

  // Which agent serves a network's DHCP, or hosts a router (read-only: placement is automatic).
  app.get(`${V2}/networks/:id/dhcp-agents`, async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    if (!isNetworkAllowed(ctx, "get_agent")) return { agents: [] };
    return { agents: (await agents.dhcpAgentsOf(id)).map(renderAgent) };
  });

  app.get(`${V2}/routers/:id/l3-agents`, async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    if (!isNetworkAllowed(ctx, "get_agent")) return { agents: [] };
    return { agents: (await agents.l3AgentsOf(id)).map(renderAgent) };
  });

  app.get(`${V2}/agents/:id`, async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    allowedOr404(ctx, "get_agent", id);
    return { agent: renderAgent(await agents.get(id)) };
  });

  app.put(`${V2}/agents/:id`, async (request) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    allowedOr404(ctx, "update_agent", id);
    const { agent } = parse(ZUpdate, request.body);
    const updated = await agents.update(id, {
      ...(agent.admin_state_up === undefined ? {} : { adminStateUp: agent.admin_state_up }),
      ...(agent.description === undefined ? {} : { description: agent.description }),
    });
    request.log.info({ agentId: id, adminStateUp: agent.admin_state_up }, "network agent updated");
    return { agent: renderAgent(updated) };
  });

  app.delete(`${V2}/agents/:id`, async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const { id } = parse(ZIdParams, request.params);
    allowedOr404(ctx, "delete_agent", id);
    await agents.remove(id);
    request.log.info({ agentId: id }, "network agent deleted");
    return reply.status(204).send();
  });
}
