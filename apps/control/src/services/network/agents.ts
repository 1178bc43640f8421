import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import { networkNotFound } from "./errors.ts";
import type { AgentError, NetworkHub } from "./hub/hub.ts";
import { isNetworkHostAlive } from "./hub/liveness.ts";
import { OWNER } from "./hub/snapshot.ts";
import { routerNotFound } from "./l3/routers.ts";

/** One Neutron agent as /v2.0/agents shows it, before rendering. */
export interface NetworkAgentView {
  id: string;
  agentType: string;
  binary: string;
  topic: string;
  host: string;
  alive: boolean;
  adminStateUp: boolean;
  description: string | null;
  heartbeatAt: Date | null;
  startedAt: Date | null;
  createdAt: Date;
  /** DHCP and L3 agents are zoned; L2 and metadata agents are not (upstream shows null). */
  availabilityZone: string | null;
  configurations: Record<string, unknown>;
}

/** Neutron's 404 for an agent: `AgentNotFound`. */
export const agentNotFound = (id: string): ZenithError =>
  new ZenithError("NOT_FOUND", `Agent ${id} could not be found.`, { neutronType: "AgentNotFound" });

const ZONED = new Set(["DHCP agent", "L3 agent"]);
const ERROR_KINDS: Record<string, ReadonlyArray<AgentError["kind"]>> = {
  "Linux bridge agent": ["port", "network"],
  "DHCP agent": ["dhcp"],
  "L3 agent": ["router"],
};

/** The agents network hosts play (hub/host-registry.ts makes the rows): list, show, admin state, removal of dead ones. */
export class NetworkAgents {
  constructor(private readonly deps: { prisma: PrismaClient; hub: NetworkHub }) {}

  async list(filter: { host?: string; agentType?: string } = {}): Promise<NetworkAgentView[]> {
    const rows = await this.deps.prisma.networkAgent.findMany({
      where: {
        ...(filter.agentType ? { agentType: filter.agentType } : {}),
        ...(filter.host ? { host: { host: filter.host } } : {}),
      },
      include: { host: true },
      orderBy: [{ host: { host: "asc" } }, { agentType: "asc" }],
    });
    const counts = await this.counts(rows.map((r) => r.host.host));
    return rows.map((r) => this.view(r, counts));
  }

  async get(id: string): Promise<NetworkAgentView> {
    const row = await this.deps.prisma.networkAgent.findUnique({ where: { id }, include: { host: true } });
    if (!row) throw agentNotFound(id);
    return this.view(row, await this.counts([row.host.host]));
  }

  async update(
    id: string,
    change: { adminStateUp?: boolean; description?: string | null },
  ): Promise<NetworkAgentView> {
    const { count } = await this.deps.prisma.networkAgent.updateMany({
      where: { id },
      data: {
        ...(change.adminStateUp === undefined ? {} : { adminStateUp: change.adminStateUp }),
        ...(change.description === undefined ? {} : { description: change.description }),
      },
    });
    if (count === 0) throw agentNotFound(id);
    // An agent taken out of service (or back) changes where new DHCP networks go.
    if (change.adminStateUp !== undefined) this.deps.hub.networkChanged();
    return this.get(id);
  }

  /** The DHCP agent serving a network (Neutron's dhcp-agents of a network): none while it is not scheduled. */
  async dhcpAgentsOf(networkId: string): Promise<NetworkAgentView[]> {
    const network = await this.deps.prisma.network.findUnique({
      where: { id: networkId },
      select: { id: true },
    });
    if (!network) throw networkNotFound(networkId);
    const port = await this.deps.prisma.port.findFirst({
      where: { networkId, deviceOwner: OWNER.dhcp, bindingHost: { not: "" } },
      select: { bindingHost: true },
    });
    return port ? this.list({ host: port.bindingHost, agentType: "DHCP agent" }) : [];
  }

  /** The L3 agent hosting a router (Neutron's l3-agents of a router): none while it is not placed. */
  async l3AgentsOf(routerId: string): Promise<NetworkAgentView[]> {
    const router = await this.deps.prisma.router.findUnique({
      where: { id: routerId },
      select: { host: true },
    });
    if (!router) throw routerNotFound(routerId);
    return router.host ? this.list({ host: router.host, agentType: "L3 agent" }) : [];
  }

  /** Only an agent that is down: a live one would re-register at once and its resources would be orphaned. */
  async remove(id: string): Promise<void> {
    const agent = await this.get(id);
    if (agent.alive) {
      throw new ZenithError("CONFLICT", `Agent ${id} is alive; only an agent that is down can be deleted.`, {
        neutronType: "AgentInUse",
      });
    }
    await this.deps.prisma.networkAgent.deleteMany({ where: { id } });
  }

  private async counts(hosts: string[]) {
    const names = [...new Set(hosts)];
    const [ports, routers] = await Promise.all([
      this.deps.prisma.port.groupBy({
        by: ["bindingHost", "deviceOwner"],
        where: { bindingHost: { in: names } },
        _count: { _all: true },
      }),
      this.deps.prisma.router.findMany({
        where: { host: { in: names } },
        select: { host: true, _count: { select: { floatingIps: true } } },
      }),
    ]);
    return { ports, routers };
  }

  private view(
    row: {
      id: string;
      agentType: string;
      binary: string;
      topic: string;
      adminStateUp: boolean;
      description: string | null;
      createdAt: Date;
      host: {
        host: string;
        lastHeartbeat: Date | null;
        startedAt: Date | null;
        tunnelIp: string;
        physnets: string[];
        driver: string;
      };
    },
    counts: Awaited<ReturnType<NetworkAgents["counts"]>>,
  ): NetworkAgentView {
    const host = row.host;
    const ofHost = counts.ports.filter((c) => c.bindingHost === host.host);
    const count = (pred: (owner: string) => boolean) =>
      ofHost.filter((c) => pred(c.deviceOwner)).reduce((n, c) => n + c._count._all, 0);
    const routers = counts.routers.filter((r) => r.host === host.host);
    const configurations: Record<string, unknown> = (() => {
      switch (row.agentType) {
        case "Linux bridge agent":
          return {
            tunneling_ip: host.tunnelIp,
            tunnel_types: ["vxlan"],
            bridge_mappings: Object.fromEntries(host.physnets.map((p) => [p, `brq-${p}`.slice(0, 15)])),
            devices: count((o) => o.startsWith(OWNER.computePrefix)),
            driver: host.driver,
          };
        case "DHCP agent":
          return {
            networks: count((o) => o === OWNER.dhcp),
            dhcp_driver: "dnsmasq",
            dhcp_lease_duration: 86400,
          };
        case "L3 agent":
          return {
            agent_mode: "legacy",
            routers: routers.length,
            floating_ips: routers.reduce((n, r) => n + r._count.floatingIps, 0),
          };
        default:
          return {};
      }
    })();
    const errors = this.deps.hub
      .errorsOf(host.host)
      .filter((e) => ERROR_KINDS[row.agentType]?.includes(e.kind));
    if (errors.length > 0) configurations.errors = errors;
    return {
      id: row.id,
      agentType: row.agentType,
      binary: row.binary,
      topic: row.topic,
      host: host.host,
      alive: isNetworkHostAlive(host),
      adminStateUp: row.adminStateUp,
      description: row.description,
      heartbeatAt: host.lastHeartbeat,
      startedAt: host.startedAt,
      createdAt: row.createdAt,
      availabilityZone: ZONED.has(row.agentType) ? "nova" : null,
      configurations,
    };
  }
}
