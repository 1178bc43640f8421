/**
 * What the reconciler asks of a network driver. Every call is idempotent
 * and converges in place: called again on what exists, it changes only
 * what differs and never deletes and recreates a device or rule set that
 * carries traffic (an agent restart must not cut guests off).
 *
 * `slot` is a small number the reconciler gives each network and port and
 * keeps across restarts (the linux driver uses it for conntrack zones and
 * packet marks); it never changes while the resource exists.
 */
import type { DhcpSpec, NetworkSpec, PortSpec, RouterSpec } from "@zenith/agent-protocol/network";

export type DriverKind = "linux" | "fake";

/** What a port pass found: wired, or its device (the guest's tap) does not exist yet. */
export type PortState = "wired" | "absent";

/** Enough of a port to unplug it after it stopped being desired (its spec may be gone). */
export interface PortRef {
  id: string;
  networkId: string;
  device: string;
}

/**
 * Bytes counted for one router (its external gateway) or floating IP (its
 * fixed address crossing the gateway), since the counter was made: they
 * only grow, and start again from 0 when the router's namespace or table
 * is made again (Gnocchi takes a cumulative counter's restart as such).
 */
export interface TrafficCounter {
  id: string;
  incomingBytes: number;
  outgoingBytes: number;
}

export interface TrafficCounters {
  routers: TrafficCounter[];
  floatingIps: TrafficCounter[];
}

export interface NetworkDriver {
  readonly kind: DriverKind;
  /** Host-wide setup (sysctls, the base firewall tables); idempotent. */
  init(): Promise<void>;
  /** Releases the driver's own resources; never touches what it created on the host. */
  close(): Promise<void>;

  /** True when something had to be made or changed (a bridge re-created): its ports get a pass at once. */
  ensureNetwork(network: NetworkSpec, slot: number): Promise<boolean>;
  removeNetwork(network: NetworkSpec, slot: number): Promise<void>;

  ensurePort(port: PortSpec, network: NetworkSpec, slot: number): Promise<PortState>;
  /** The names of the devices present now: one look for all ports waiting for their tap. */
  devices(): Promise<Set<string>>;
  removePort(port: PortRef, slot: number): Promise<void>;

  ensureDhcp(dhcp: DhcpSpec, network: NetworkSpec): Promise<void>;
  removeDhcp(networkId: string): Promise<void>;

  ensureRouter(router: RouterSpec, networks: ReadonlyMap<string, NetworkSpec>): Promise<void>;
  removeRouter(routerId: string): Promise<void>;

  /** The counters of the routers (with a gateway) and floating IPs this host serves, read now. */
  trafficCounters(): Promise<TrafficCounters>;
}
