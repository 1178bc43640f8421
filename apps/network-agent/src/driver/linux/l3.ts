/**
 * What the linux driver needs from the DHCP/metadata, router and outside-
 * world modules (`./l3/`, `linuxL3` there): the driver owns the L2 (the
 * bridge of each network) and hands them the host's namespace, the network
 * and its bridge name. An interface, so the L2 can be tested alone
 * (`noL3`).
 */
import type { DhcpSpec, NetworkSpec, RouterSpec } from "@zenith/agent-protocol/network";
import type { TrafficCounters } from "../types.ts";

export interface L3Context {
  /** The namespace standing for the host (undefined: the agent's own). */
  netns: string | undefined;
  /** `brq<first 11 of the network id>`, in the host namespace. */
  bridgeOf: (networkId: string) => string;
}

export interface L3Modules {
  ensureDhcp(ctx: L3Context, dhcp: DhcpSpec, network: NetworkSpec): Promise<void>;
  removeDhcp(ctx: L3Context, networkId: string): Promise<void>;
  ensureRouter(ctx: L3Context, router: RouterSpec, networks: ReadonlyMap<string, NetworkSpec>): Promise<void>;
  removeRouter(ctx: L3Context, routerId: string): Promise<void>;
  /** The outside world of a flat physical network, attached to its bridge by a veth. */
  ensureOutside(ctx: L3Context, network: NetworkSpec, bridge: string): Promise<void>;
  removeOutside(ctx: L3Context, network: NetworkSpec, bridge: string): Promise<void>;
  /** The routers' and floating IPs' traffic counters (metering). */
  trafficCounters(ctx: L3Context): Promise<TrafficCounters>;
}

const missing = (what: string) => () => Promise.reject(new Error(`${what} is not available to this driver`));

/** For tests of the L2 alone: no DHCP, no routers, no outside world. */
export const noL3: L3Modules = {
  ensureDhcp: missing("DHCP"),
  removeDhcp: async () => {},
  ensureRouter: missing("routing"),
  removeRouter: async () => {},
  ensureOutside: async () => {},
  removeOutside: async () => {},
  trafficCounters: async () => ({ routers: [], floatingIps: [] }),
};
