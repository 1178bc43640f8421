import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig, type NetworkDeps } from "./deps.ts";
import { createL3Services, type L3Services } from "./l3/registry.ts";
import { NetworkService } from "./networks.ts";
import { PortService } from "./ports.ts";
import { NetworkQuotas } from "./quotas.ts";
import { SubnetPoolService } from "./subnet-pools/subnet-pools.ts";
import { SubnetService } from "./subnets.ts";

/** Every network service, wired once per control-plane instance. */
export interface NetworkServices {
  networks: NetworkService;
  subnets: SubnetService;
  /** Subnet pools (subnet_allocation). */
  subnetPools: SubnetPoolService;
  ports: PortService;
  quotas: NetworkQuotas;
  /** Routers, floating IPs, security groups and their rules. */
  l3: L3Services;
  /** What the other network services (routers, floating IPs, security groups, the hub) build on. */
  deps: NetworkDeps;
}

export function createNetworkServices(opts: {
  prisma: PrismaClient;
  logger: Logger;
  config?: Partial<NetworkConfig> | undefined;
}): NetworkServices {
  const deps: NetworkDeps = {
    prisma: opts.prisma,
    logger: opts.logger,
    quotas: new NetworkQuotas(opts.prisma),
    config: { ...DEFAULT_NETWORK_CONFIG, ...opts.config },
  };
  const networks = new NetworkService(deps);
  const subnetPools = new SubnetPoolService(opts.prisma);
  return {
    networks,
    subnets: new SubnetService(deps, networks, subnetPools),
    subnetPools,
    ports: new PortService(deps, networks),
    quotas: deps.quotas,
    l3: createL3Services(deps),
    deps,
  };
}
