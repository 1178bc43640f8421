import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { AgentCredentials } from "../../compute/agent-hub/credentials.ts";
import { NetworkAgents } from "../agents.ts";
import { coreDhcpPortFactory, type DhcpPortFactory } from "./dhcp-port.ts";
import { bumpPortGenerations, type PortChange } from "./generations.ts";
import { NetworkHub, type NetworkPublisher } from "./hub.ts";
import { PortWiring } from "./wiring.ts";

/**
 * The network hub and what other services use of it, wired once per
 * control plane (server.ts): the Neutron API services call `networkChanged`
 * or `portsChanged` after a change; compute waits on `wiring`.
 */
export interface NetworkHubServices {
  hub: NetworkHub;
  publisher: NetworkPublisher;
  wiring: PortWiring;
  agents: NetworkAgents;
  /** Bumps the selected ports' generations and publishes: the one call after a port or security group change. */
  portsChanged(change: PortChange): Promise<void>;
}

export function createNetworkHubServices(opts: {
  prisma: PrismaClient;
  logger: Logger;
  credentials: AgentCredentials;
  /** How a missing DHCP port is made (default: the Network API's own upkeep, coreDhcpPortFactory). */
  createDhcpPort?: DhcpPortFactory;
}): NetworkHubServices {
  const { prisma } = opts;
  const logger = opts.logger.child({ component: "network-hub" });
  const wiring = new PortWiring({ prisma, logger });
  const hub = new NetworkHub({
    prisma,
    logger,
    credentials: opts.credentials,
    wiring,
    createDhcpPort: opts.createDhcpPort ?? coreDhcpPortFactory(prisma),
  });
  return {
    hub,
    publisher: hub,
    wiring,
    agents: new NetworkAgents({ prisma, hub }),
    async portsChanged(change) {
      const hosts = await bumpPortGenerations(prisma, change);
      hub.networkChanged(hosts);
    },
  };
}
