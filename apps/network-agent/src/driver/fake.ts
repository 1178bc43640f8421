/**
 * The fake driver: the host's networking in memory, for fast tests and for
 * machines where the agent may not change networking. A port is wired once
 * its device "exists": by default every desired port's does; with
 * `devices` (the fake compute driver's simulated taps, see fake-taps.ts)
 * exactly those listed do. Tests can also make a call fail or wait.
 */
import type { DhcpSpec, NetworkSpec, PortSpec, RouterSpec } from "@zenith/agent-protocol/network";
import type { NetworkDriver, PortRef, PortState } from "./types.ts";

export interface FakeDriverOptions {
  /** The devices that exist now; default: every port's. */
  devices?: () => Promise<Set<string>>;
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

  constructor(private readonly options: FakeDriverOptions = {}) {}

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
