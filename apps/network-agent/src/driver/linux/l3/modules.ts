/**
 * The L3 modules shaped for the linux driver (its `L3Modules`): one per
 * host, over that host's state dir. The driver gives the namespace standing
 * for the host (undefined: the agent's own) and the bridge of each network.
 */
import type { DhcpSpec, NetworkSpec, RouterSpec } from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import { ensureDhcp, removeDhcp } from "./dhcp.ts";
import type { L3Env } from "./env.ts";
import { nthHost } from "./ipmath.ts";
import type { MetadataService } from "./metadata-service.ts";
import { ensureOutside, type OutsideOptions, removeOutside } from "./outside.ts";
import { ensureRouter, removeRouter } from "./router.ts";
import { readAllRouterCounters } from "./router-counters.ts";

export interface L3HostContext {
  netns: string | undefined;
  bridgeOf: (networkId: string) => string;
}

export interface LinuxL3Options {
  /** This host's state dir (records, dnsmasq files, pid files). */
  stateDir: string;
  /** The host's metadata service (one per host agent), if it serves metadata. */
  metadata?: MetadataService | undefined;
  env: L3Env;
  logger: Logger;
}

export function linuxL3(opts: LinuxL3Options) {
  const outside = (ctx: L3HostContext, network: NetworkSpec, bridge: string): OutsideOptions => ({
    externalNetworkId: network.id,
    bridge,
    // A namespace standing for a host gets its own outside world.
    namespace: ctx.netns ? `${ctx.netns}-outside` : opts.env.ZENITH_OUTSIDE_NAMESPACE,
    gatewayCidr: nthHost(opts.env.ZENITH_PUBLIC_CIDR, 1),
    outsideLinkCidr: nthHost(opts.env.ZENITH_OUTSIDE_LINK_CIDR, 1),
    hostLinkCidr: nthHost(opts.env.ZENITH_OUTSIDE_LINK_CIDR, 2),
    externalInterface: opts.env.ZENITH_EXTERNAL_INTERFACE,
    hostNetns: ctx.netns,
    mtu: network.mtu,
  });
  const isOutside = (network: NetworkSpec) =>
    network.type === "flat" && network.physicalNetwork === opts.env.ZENITH_OUTSIDE_PHYSNET;

  return {
    ensureDhcp: (ctx: L3HostContext, dhcp: DhcpSpec, _network: NetworkSpec): Promise<void> =>
      ensureDhcp(dhcp, {
        stateDir: opts.stateDir,
        hostNetns: ctx.netns,
        bridge: ctx.bridgeOf(dhcp.networkId),
        metadata: opts.metadata,
        logger: opts.logger,
      }),
    removeDhcp: (ctx: L3HostContext, networkId: string): Promise<void> =>
      removeDhcp(networkId, { stateDir: opts.stateDir, hostNetns: ctx.netns, metadata: opts.metadata }),
    ensureRouter: (ctx: L3HostContext, router: RouterSpec, _networks: ReadonlyMap<string, NetworkSpec>) =>
      ensureRouter(router, {
        stateDir: opts.stateDir,
        hostNetns: ctx.netns,
        bridgeFor: ctx.bridgeOf,
        logger: opts.logger,
      }),
    removeRouter: (ctx: L3HostContext, routerId: string): Promise<void> =>
      removeRouter(routerId, { stateDir: opts.stateDir, hostNetns: ctx.netns }),
    /** Routers are global namespaces named by id: the host's namespace plays no part. */
    trafficCounters: (_ctx: L3HostContext) => readAllRouterCounters({ stateDir: opts.stateDir }),
    /** Only the flat network of the outside physnet gets the outside world; other flat networks just bridge. */
    ensureOutside: async (ctx: L3HostContext, network: NetworkSpec, bridge: string): Promise<void> => {
      if (isOutside(network)) await ensureOutside(outside(ctx, network, bridge));
    },
    removeOutside: async (ctx: L3HostContext, network: NetworkSpec, bridge: string): Promise<void> => {
      if (isOutside(network)) await removeOutside(outside(ctx, network, bridge));
    },
  };
}
export type LinuxL3 = ReturnType<typeof linuxL3>;
