/**
 * The fake driver: the host's networking in memory, for fast tests and for
 * machines where the agent may not change networking. Every desired port
 * counts as present (the fake compute driver simulates taps), so every
 * port is reported wired; tests can hide a device or make a call fail.
 */
import type { DhcpSpec, NetworkSpec, PortSpec, RouterSpec } from "@zenith/agent-protocol/network";
import type { NetworkDriver, PortRef, PortState } from "./types.ts";

export interface FakeDriverOptions {
  /** Whether a port's device exists; default: always. */
  devicePresent?: (device: string) => boolean;
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
  /** Devices of every port asked about. */
  private readonly seen: string[] = [];

  constructor(private readonly options: FakeDriverOptions = {}) {}

  async init(): Promise<void> {}
  async close(): Promise<void> {}

  async ensureNetwork(network: NetworkSpec, slot: number): Promise<void> {
    this.call("ensureNetwork", network.id);
    await this.gates.get(network.id);
    this.networks.set(network.id, { spec: network, slot });
  }

  async removeNetwork(network: NetworkSpec): Promise<void> {
    this.call("removeNetwork", network.id);
    this.networks.delete(network.id);
  }

  async ensurePort(port: PortSpec, network: NetworkSpec, slot: number): Promise<PortState> {
    this.call("ensurePort", port.id);
    if (!this.networks.has(network.id)) throw new Error(`network ${network.id} is not set up`);
    if (!this.seen.includes(port.device)) this.seen.push(port.device);
    if (!(this.options.devicePresent?.(port.device) ?? true)) {
      this.ports.delete(port.id);
      return "absent";
    }
    this.ports.set(port.id, { spec: port, slot });
    return "wired";
  }

  /** Every desired port's device, unless a test hides it. */
  async devices(): Promise<Set<string>> {
    const present = this.options.devicePresent;
    const all = [...this.ports.values()].map((p) => p.spec.device);
    return new Set(present === undefined ? all : this.seen.filter((d) => present(d)));
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
  }

  async removeRouter(routerId: string): Promise<void> {
    this.call("removeRouter", routerId);
    this.routers.delete(routerId);
  }

  private call(name: string, id: string): void {
    this.calls.push(`${name}:${id}`);
    if (this.failNext.delete(id)) throw new Error(`fake failure of ${name} for ${id}`);
  }
}
