/**
 * The linux driver: the L2 of each network on this host and the filtering
 * of each port, on real devices in one network namespace (the host's own,
 * or a namespace standing for a host in tests: every command then runs
 * through `ip netns exec`).
 *
 * - a bridge per network, `brq` + the first 11 characters of its id (as
 *   Neutron's linuxbridge agent names it); a vxlan network adds
 *   `vxlan-<VNI>` (local = this host's tunnel IP, UDP 4789, no learning,
 *   one flooding entry per peer) enslaved to it; a flat network needs its
 *   physical network here (ZENITH_PHYSNETS), and the L3 module attaches the
 *   outside world to the bridge of the outside physnet's network;
 * - a port's tap (made by QEMU) joins its network's bridge when it
 *   appears, with the network's MTU and the port's admin state;
 * - security groups and anti-spoofing: see firewall.ts.
 *
 * Every call converges in place; only a vxlan device of the wrong identity
 * is ever replaced.
 */
import type { DhcpSpec, NetworkSpec, PortSpec, RouterSpec } from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import type { NetworkDriver, PortRef, PortState, TrafficCounters } from "../types.ts";
import { run, tryRun } from "./exec.ts";
import {
  baseRuleset,
  portChains,
  portRuleset,
  removePortRuleset,
  removeZoneElement,
  TABLE,
  zoneElement,
} from "./firewall.ts";
import type { L3Context, L3Modules } from "./l3.ts";
import { Links } from "./links.ts";
import { Snapshot } from "./snapshot.ts";

export interface LinuxDriverOptions {
  /** The namespace standing for this host; undefined: the agent's own namespace. */
  netns?: string;
  tunnelIp: string;
  /** Physical networks bridged on this host (flat networks on others are refused). */
  physicalNetworks: readonly string[];
  /** DHCP with metadata, routers, the outside world (`linuxL3` of ./l3/, or `noL3` for the L2 alone). */
  l3: L3Modules;
  /** Closed with the driver (the host's metadata service). */
  onClose?: () => Promise<void>;
  logger: Logger;
}

const ZNftChains = z.object({
  nftables: z.array(
    z.object({ chain: z.object({ family: z.string(), table: z.string(), name: z.string() }).optional() }),
  ),
});
const BASE_CHAINS = [`bridge ${TABLE} forward`, `inet ${TABLE} prerouting`, `inet ${TABLE} forward`];

export const bridgeName = (networkId: string): string => `brq${networkId.slice(0, 11)}`;
export const vxlanName = (vni: number): string => `vxlan-${vni}`;

export class LinuxDriver implements NetworkDriver {
  readonly kind = "linux";
  private readonly links: Links;
  private readonly l3: L3Modules;
  private readonly ctx: L3Context;
  /** What each nft transaction last applied, by port device or zone (skipped when unchanged and in place). */
  private readonly nftApplied = new Map<string, string>();
  /** The chains that exist (`<family> <table> <chain>`), read at most once a second. */
  private readonly chains: Snapshot<Set<string>>;

  constructor(private readonly options: LinuxDriverOptions) {
    this.links = new Links(options.netns);
    this.chains = new Snapshot(async () => {
      const out = await run(["nft", "-j", "list", "chains"], { netns: options.netns });
      const items = ZNftChains.parse(JSON.parse(out)).nftables;
      return new Set(
        items.flatMap((i) => (i.chain ? [`${i.chain.family} ${i.chain.table} ${i.chain.name}`] : [])),
      );
    });
    this.l3 = options.l3;
    this.ctx = { netns: options.netns, bridgeOf: bridgeName };
  }

  async init(): Promise<void> {
    // Bridged IP traffic must reach the inet table (conntrack) for stateful groups.
    await this.links.sysctl("net.bridge.bridge-nf-call-iptables", "1");
    await this.links.sysctl("net.bridge.bridge-nf-call-ip6tables", "1");
    await this.nft("");
  }

  /** Devices, rules and namespaces stay. */
  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  async ensureNetwork(network: NetworkSpec, slot: number): Promise<boolean> {
    const bridge = bridgeName(network.id);
    if (network.type === "flat") {
      const physnet = network.physicalNetwork ?? "";
      if (!this.options.physicalNetworks.includes(physnet)) {
        throw new Error(`physical network ${physnet || "(none)"} is not bridged on this host`);
      }
    }
    let changed = await this.links.ensureBridge(bridge, network.mtu);
    if (network.type === "vxlan") {
      const vni = network.segmentationId;
      if (vni === null) throw new Error(`vxlan network ${network.id} has no VNI`);
      const device = vxlanName(vni);
      // Always called (no `||=`): a bridge just made must not skip its vxlan device.
      const vxlanChanged = await this.links.ensureVxlan({
        name: device,
        vni,
        local: this.options.tunnelIp,
        mtu: network.mtu,
        bridge,
      });
      changed = changed || vxlanChanged;
      await this.links.syncFloodEntries(device, network.peers);
    }
    await this.nftOnce(`zone:${bridge}`, zoneElement(bridge, slot), []);
    // The L3 module decides which flat network is the outside world's (its physnet).
    if (network.type === "flat") await this.l3.ensureOutside(this.ctx, network, bridge);
    return changed;
  }

  async removeNetwork(network: NetworkSpec, _slot: number): Promise<void> {
    const bridge = bridgeName(network.id);
    if (network.type === "flat") await this.l3.removeOutside(this.ctx, network, bridge);
    if (network.type === "vxlan" && network.segmentationId !== null) {
      await this.links.remove(vxlanName(network.segmentationId));
    }
    await this.links.remove(bridge);
    // Absent already when a previous removal got this far.
    this.nftApplied.delete(`zone:${bridge}`);
    await tryRun(["nft", "-f", "-"], { netns: this.options.netns, input: removeZoneElement(bridge) });
  }

  async ensurePort(port: PortSpec, network: NetworkSpec, slot: number): Promise<PortState> {
    const link = await this.links.get(port.device);
    if (link === undefined) return "absent";
    // Filtering first: the tap never forwards unfiltered in the bridge.
    if (port.portSecurity) await this.nftOnce(port.device, portRuleset(port, slot), portChains(slot));
    else await this.nftOnce(port.device, removePortRuleset(port.device, slot), []);
    await this.links.settle(link, {
      mtu: network.mtu,
      master: bridgeName(network.id),
      up: port.adminStateUp,
    });
    return "wired";
  }

  devices(): Promise<Set<string>> {
    return this.links.names();
  }

  async removePort(port: PortRef, slot: number): Promise<void> {
    await this.links.release(port.device, bridgeName(port.networkId));
    this.nftApplied.delete(port.device);
    await this.nft(removePortRuleset(port.device, slot));
  }

  ensureDhcp(dhcp: DhcpSpec, network: NetworkSpec): Promise<void> {
    return this.l3.ensureDhcp(this.ctx, dhcp, network);
  }

  removeDhcp(networkId: string): Promise<void> {
    return this.l3.removeDhcp(this.ctx, networkId);
  }

  ensureRouter(router: RouterSpec, networks: ReadonlyMap<string, NetworkSpec>): Promise<void> {
    return this.l3.ensureRouter(this.ctx, router, networks);
  }

  removeRouter(routerId: string): Promise<void> {
    return this.l3.removeRouter(this.ctx, routerId);
  }

  trafficCounters(): Promise<TrafficCounters> {
    return this.l3.trafficCounters(this.ctx);
  }

  /**
   * Applies `body` unless the same body was applied before and its chains
   * (and the base chains) are still there: a resync of unchanged ports costs
   * one shared listing, not a transaction per port.
   */
  private async nftOnce(key: string, body: string, chains: readonly string[]): Promise<void> {
    const present = await this.chains.get();
    // The base gone means the ruleset was flushed: everything (zones too) must be applied again.
    if (!BASE_CHAINS.every((c) => present.has(c))) this.nftApplied.clear();
    if (this.nftApplied.get(key) === body && chains.every((c) => present.has(c))) return;
    this.nftApplied.delete(key);
    await this.nft(body);
    this.nftApplied.set(key, body);
  }

  /** One atomic transaction, always with the base tables first (they come back if someone flushed them). */
  private async nft(body: string): Promise<void> {
    try {
      await run(["nft", "-f", "-"], { netns: this.options.netns, input: baseRuleset() + body });
    } finally {
      this.chains.invalidate();
    }
  }
}
