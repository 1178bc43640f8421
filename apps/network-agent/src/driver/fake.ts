/**
 * The fake driver: the host's networking in memory, for fast tests and for
 * machines where the agent may not change networking. A port is wired once
 * its device "exists": by default every desired port's does; with
 * `devices` (the fake compute driver's simulated taps, see fake-taps.ts)
 * exactly those listed do. Tests can also make a call fail or wait.
 */
import type { DhcpSpec, NetworkSpec, PortSpec, RouterSpec } from "@zenith/agent-protocol/network";
import { syntheticBytes } from "./synthetic-counters.ts";
import type { NetworkDriver, PortRef, PortState, TrafficCounter, TrafficCounters } from "./types.ts";

export interface FakeDriverOptions {
  /** The devices that exist now; default: every port's. */
  devices?: () => Promise<Set<string>>;
  /** Milliseconds, only growing: the clock of the synthetic traffic counters. */
  now?: () => number;
}

export class FakeDriver implements NetworkDriver {
  readonly kind = "fake";
  readonly networks = new Map<string, { spec: NetworkSpec; slot: number }>();
  readonly ports = new Map<string, { spec: PortSpec; slot: number }>();
  readonly dhcp = new Map<string, DhcpSpec>();
  readonly routers = new Map<string, RouterSpec>();
  /** Calls, in order (`ensureNetwork:<id>`…), so tests can see what a pass did. */
  readonly calls: string[] = [];
  /** Ids whose next ensure/remove call throws (one failure each). */
  readonly failNext = new Set<string>();
  /** Ids whose ensure calls wait for this promise (a slow host, for races). */
  readonly gates = new Map<string, Promise<void>>();
  /** When each router and floating IP appeared here: its counters count from then. */
  private readonly born = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: FakeDriverOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  async init(): Promise<void> {}
  async close(): Promise<void> {}

  async ensureNetwork(network: NetworkSpec, slot: number): Promise<boolean> {
    this.call("ensureNetwork", network.id);
    await this.gates.get(network.id);
    const before = this.networks.get(network.id);
    this.networks.set(network.id, { spec: network, slot });
    return JSON.stringify(before?.spec) !== JSON.stringify(network);
  }

  async removeNetwork(network: NetworkSpec): Promise<void> {
    this.call("removeNetwork", network.id);
    this.networks.delete(network.id);
  }

  async ensurePort(port: PortSpec, network: NetworkSpec, slot: number): Promise<PortState> {
    this.call("ensurePort", port.id);
    if (!this.networks.has(network.id)) throw new Error(`network ${network.id} is not set up`);
    const listed = this.options.devices;
    if (listed !== undefined && !(await listed()).has(port.device)) {
      this.ports.delete(port.id);
      return "absent";
    }
    this.ports.set(port.id, { spec: port, slot });
    return "wired";
  }

  async devices(): Promise<Set<string>> {
    const listed = this.options.devices;
    return listed === undefined ? new Set([...this.ports.values()].map((p) => p.spec.device)) : listed();
  }

  async removePort(port: PortRef): Promise<void> {
    this.call("removePort", port.id);
    this.ports.delete(port.id);
  }

  async ensureDhcp(dhcp: DhcpSpec): Promise<void> {
    this.call("ensureDhcp", dhcp.networkId);
    this.dhcp.set(dhcp.networkId, dhcp);
  }

  async removeDhcp(networkId: string): Promise<void> {
    this.call("removeDhcp", networkId);
    this.dhcp.delete(networkId);
  }

  async ensureRouter(router: RouterSpec): Promise<void> {
    this.call("ensureRouter", router.id);
    this.routers.set(router.id, router);
    const now = this.now();
    for (const id of [router.id, ...router.floatingIps.map((f) => f.id)])
      if (!this.born.has(id)) this.born.set(id, now);
  }

  async removeRouter(routerId: string): Promise<void> {
    this.call("removeRouter", routerId);
    this.routers.delete(routerId);
    const live = new Set(
      [...this.routers.values()].flatMap((r) => [r.id, ...r.floatingIps.map((f) => f.id)]),
    );
    for (const id of this.born.keys()) if (!live.has(id)) this.born.delete(id);
  }

  /** Synthetic, as a router with a gateway and its floating IPs would count them (synthetic-counters.ts). */
  async trafficCounters(): Promise<TrafficCounters> {
    const now = this.now();
    const counter = (id: string): TrafficCounter => {
      const elapsed = now - (this.born.get(id) ?? now);
      return {
        id,
        incomingBytes: syntheticBytes(`${id}:in`, elapsed),
        outgoingBytes: syntheticBytes(`${id}:out`, elapsed),
      };
    };
    const withGateway = [...this.routers.values()].filter((r) => r.gateway !== null);
    return {
      routers: withGateway.map((r) => counter(r.id)),
      floatingIps: withGateway.flatMap((r) => r.floatingIps.map((f) => counter(f.id))),
    };
  }

  private call(name: string, id: string): void {
    this.calls.push(`${name}:${id}`);
    if (this.failNext.delete(id)) throw new Error(`fake failure of ${name} for ${id}`);
  }
}
