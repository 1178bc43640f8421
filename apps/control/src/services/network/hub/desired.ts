import {
  type DhcpSpec,
  type FixedIp,
  type NetworkDesired,
  type NetworkSpec,
  type PortSpec,
  type RouterSpec,
  type SecurityRule,
  tapDeviceName,
} from "@zenith/agent-protocol/network";
import { z } from "zod";
import { defaultHostname, dnsLabel, ipVersionOf, prefixLengthOf } from "./addresses.ts";
import { contentGeneration } from "./digest.ts";
import {
  addressPairsOf,
  isComputePort,
  type NetworkSnapshot,
  OWNER,
  type SnapshotNetwork,
  type SnapshotPort,
  type SnapshotRouter,
} from "./snapshot.ts";

const ZRoutes = z.array(z.object({ destination: z.string().min(1), nexthop: z.string().min(1) })).catch([]);

/** What one host runs, before it is rendered: the basis of both its desired state and VXLAN peering. */
interface HostResources {
  ports: SnapshotPort[];
  dhcpPorts: SnapshotPort[];
  routers: SnapshotRouter[];
  networkIds: Set<string>;
}

/**
 * The desired state of every network host, from one snapshot: ports bound
 * to it, the networks it carries (with the other live carriers of the same
 * driver as VXLAN peers), the DHCP it serves and the routers placed on it.
 */
export function buildAllDesired(s: NetworkSnapshot): Map<string, NetworkDesired> {
  const index = indexSnapshot(s);
  const resources = new Map(s.hosts.map((h) => [h.host, hostResources(s, index, h.host)]));
  const carriers = new Map<string, Array<{ tunnelIp: string; driver: string }>>();
  for (const h of s.hosts) {
    if (!h.alive) continue;
    for (const networkId of resources.get(h.host)?.networkIds ?? []) {
      carriers.set(networkId, [...(carriers.get(networkId) ?? []), h]);
    }
  }
  const out = new Map<string, NetworkDesired>();
  for (const h of s.hosts) {
    const r = resources.get(h.host);
    if (!r) continue;
    const networks = [...r.networkIds].flatMap((id) => {
      const net = s.networks.get(id);
      if (!net) return [];
      // A fake host's tunnel endpoint carries nothing real: linux hosts peer with linux hosts only.
      const peers = (carriers.get(id) ?? [])
        .filter((c) => c.driver === h.driver && c.tunnelIp !== h.tunnelIp)
        .map((c) => c.tunnelIp);
      const spec = networkSpec(net, peers);
      return spec ? [spec] : [];
    });
    out.set(h.host, {
      type: "desired",
      full: true,
      networks,
      ports: r.ports.map((p) => portSpec(s, p)),
      dhcp: r.dhcpPorts.flatMap((p) => {
        const spec = dhcpSpec(s, index, p);
        return spec ? [spec] : [];
      }),
      routers: r.routers.map((router) => routerSpec(s, index, router)),
    });
  }
  return out;
}

interface SnapshotIndex {
  byNetwork: Map<string, SnapshotPort[]>;
  byDevice: Map<string, SnapshotPort[]>;
  subnets: Map<string, SnapshotNetwork["subnets"][number]>;
}

function indexSnapshot(s: NetworkSnapshot): SnapshotIndex {
  const byNetwork = new Map<string, SnapshotPort[]>();
  const byDevice = new Map<string, SnapshotPort[]>();
  for (const p of s.ports) {
    byNetwork.set(p.networkId, [...(byNetwork.get(p.networkId) ?? []), p]);
    if (p.deviceId) byDevice.set(p.deviceId, [...(byDevice.get(p.deviceId) ?? []), p]);
  }
  const subnets = new Map([...s.networks.values()].flatMap((n) => n.subnets.map((sub) => [sub.id, sub])));
  return { byNetwork, byDevice, subnets };
}

function hostResources(s: NetworkSnapshot, index: SnapshotIndex, host: string): HostResources {
  const ports = s.ports.filter((p) => p.bindingHost === host && isComputePort(p));
  const dhcpPorts = s.ports.filter(
    (p) =>
      p.bindingHost === host && p.deviceOwner === OWNER.dhcp && hasDhcpSubnet(s.networks.get(p.networkId)),
  );
  const routers = s.routers.filter((r) => r.host === host);
  const networkIds = new Set([...ports, ...dhcpPorts].map((p) => p.networkId));
  for (const r of routers) for (const p of routerPorts(index, r)) networkIds.add(p.networkId);
  return { ports, dhcpPorts, routers, networkIds };
}

const hasDhcpSubnet = (net: SnapshotNetwork | undefined): boolean =>
  net?.subnets.some((sub) => sub.enableDhcp) ?? false;

function routerPorts(index: SnapshotIndex, r: SnapshotRouter): SnapshotPort[] {
  return (index.byDevice.get(r.id) ?? []).filter(
    (p) => p.deviceOwner === OWNER.routerGateway || p.deviceOwner === OWNER.routerInterface,
  );
}

function networkSpec(net: SnapshotNetwork, peers: string[]): NetworkSpec | null {
  const type = z.enum(["vxlan", "flat", "local"]).safeParse(net.networkType);
  if (!type.success) return null;
  return {
    id: net.id,
    type: type.data,
    segmentationId: type.data === "vxlan" ? net.segmentationId : null,
    physicalNetwork: type.data === "flat" ? net.physicalNetwork : null,
    mtu: net.mtu,
    external: net.external,
    peers: type.data === "vxlan" ? [...new Set(peers)].sort() : [],
  };
}

function fixedIps(s: NetworkSnapshot, p: SnapshotPort): FixedIp[] {
  const net = s.networks.get(p.networkId);
  return p.fixedIps.flatMap((ip) => {
    const subnet = net?.subnets.find((sub) => sub.id === ip.subnetId);
    const version = ipVersionOf(ip.ipAddress);
    if (!subnet || version === null) return [];
    return [
      {
        subnetId: ip.subnetId,
        address: ip.ipAddress,
        prefixLength: prefixLengthOf(subnet.cidr),
        ipVersion: version,
      },
    ];
  });
}

function portSpec(s: NetworkSnapshot, p: SnapshotPort): PortSpec {
  const mac = p.macAddress.toLowerCase();
  return {
    id: p.id,
    networkId: p.networkId,
    mac,
    device: tapDeviceName(p.id),
    adminStateUp: p.adminStateUp,
    fixedIps: fixedIps(s, p),
    portSecurity: p.portSecurityEnabled,
    securityRules: p.portSecurityEnabled ? securityRules(s, p) : [],
    allowedAddressPairs: p.portSecurityEnabled
      ? addressPairsOf(p.allowedAddressPairs).map((pair) => ({
          ipAddress: pair.ip_address,
          macAddress: (pair.mac_address ?? mac).toLowerCase(),
        }))
      : [],
    generation: p.generation,
  };
}

/** The rules of every group of the port; a remote group becomes its members' addresses of the rule's family. */
function securityRules(s: NetworkSnapshot, p: SnapshotPort): SecurityRule[] {
  return p.securityGroups.flatMap(({ securityGroupId }) =>
    (s.rules.get(securityGroupId) ?? []).flatMap((rule): SecurityRule[] => {
      const direction = z.enum(["ingress", "egress"]).safeParse(rule.direction);
      const ethertype = z.enum(["IPv4", "IPv6"]).safeParse(rule.ethertype);
      if (!direction.success || !ethertype.success) return [];
      const version = ethertype.data === "IPv4" ? 4 : 6;
      let remotePrefixes: string[] | null = null;
      if (rule.remoteIpPrefix) remotePrefixes = [rule.remoteIpPrefix];
      else if (rule.remoteGroupId) {
        const members = s.groupMembers.get(rule.remoteGroupId) ?? [];
        remotePrefixes = [
          ...new Set(
            members.flatMap((m) => {
              if (m.fromPair && m.address.includes("/"))
                return ipVersionOf(m.address) === version ? [m.address] : [];
              if (ipVersionOf(m.address) !== version) return [];
              return [`${m.address}/${version === 4 ? 32 : 128}`];
            }),
          ),
        ].sort();
      }
      return [
        {
          direction: direction.data,
          ethertype: ethertype.data,
          protocol: rule.protocol,
          portRangeMin: rule.portRangeMin,
          portRangeMax: rule.portRangeMax,
          remotePrefixes,
        },
      ];
    }),
  );
}

function dhcpSpec(s: NetworkSnapshot, index: SnapshotIndex, dhcpPort: SnapshotPort): DhcpSpec | null {
  const net = s.networks.get(dhcpPort.networkId);
  if (!net) return null;
  const subnets = net.subnets.filter((sub) => sub.enableDhcp);
  const served = new Set(subnets.map((sub) => sub.id));
  const hosts = (index.byNetwork.get(net.id) ?? []).flatMap((p) =>
    p.fixedIps
      .filter((ip) => served.has(ip.subnetId))
      .map((ip) => ({
        mac: p.macAddress.toLowerCase(),
        address: ip.ipAddress,
        hostname: hostnameOf(s, p, ip.ipAddress),
      })),
  );
  const body = {
    networkId: net.id,
    port: { id: dhcpPort.id, mac: dhcpPort.macAddress.toLowerCase(), fixedIps: fixedIps(s, dhcpPort) },
    mtu: net.mtu,
    subnets: subnets.map((sub) => ({
      id: sub.id,
      cidr: sub.cidr,
      ipVersion: sub.ipVersion === 6 ? (6 as const) : (4 as const),
      gatewayIp: sub.gatewayIp,
      dnsNameservers: sub.dnsNameservers,
      hostRoutes: ZRoutes.parse(sub.hostRoutes),
    })),
    hosts,
    metadata: subnets.some((sub) => sub.ipVersion === 4),
  };
  return { ...body, generation: contentGeneration(body) };
}

/** dns_name if set, else the instance's host name, else Neutron's "host-<address>". */
function hostnameOf(s: NetworkSnapshot, p: SnapshotPort, address: string): string {
  const own =
    dnsLabel(p.dnsName) ?? (isComputePort(p) ? dnsLabel(s.instanceHostnames.get(p.deviceId) ?? "") : null);
  return own ?? defaultHostname(address);
}

function routerSpec(s: NetworkSnapshot, index: SnapshotIndex, r: SnapshotRouter): RouterSpec {
  const ports = routerPorts(index, r);
  const gw = ports.find((p) => p.deviceOwner === OWNER.routerGateway);
  const render = (p: SnapshotPort) => ({
    portId: p.id,
    networkId: p.networkId,
    mac: p.macAddress.toLowerCase(),
    fixedIps: fixedIps(s, p),
  });
  const gateway = gw
    ? {
        ...render(gw),
        nexthop:
          gw.fixedIps
            .map((ip) => index.subnets.get(ip.subnetId))
            .find((sub) => sub?.ipVersion === 4 && sub.gatewayIp)?.gatewayIp ?? null,
      }
    : null;
  const body = {
    id: r.id,
    adminStateUp: r.adminStateUp,
    gateway,
    enableSnat: r.enableSnat,
    interfaces: ports.filter((p) => p.deviceOwner === OWNER.routerInterface).map(render),
    routes: ZRoutes.parse(r.routes),
    floatingIps: r.floatingIps
      .filter((f) => f.portId !== null && f.fixedIpAddress !== null)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((f) => ({ id: f.id, floatingIp: f.floatingIpAddress, fixedIp: f.fixedIpAddress ?? "" })),
  };
  return { ...body, generation: contentGeneration(body) };
}
