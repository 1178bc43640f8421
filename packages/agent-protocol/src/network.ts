/**
 * The network agent ↔ control plane protocol, on the same envelope as the
 * compute agent's (`hello`/`welcome`, heartbeats, `rpc`/`rpcResult`): the
 * agent dials out to `ws(s)://<control>/agent/v1/network` with its host's
 * credential (`Authorization: Bearer …`).
 *
 * Desired state, reconciled: the control plane sends everything that should
 * exist on the host (always the whole host, `full`), the agent converges
 * (bridges, VXLAN, taps, DHCP and router namespaces, netfilter rules) and
 * reports what it applied by generation. Anything the agent created that is
 * no longer desired is removed. Either side may restart at any moment.
 */
import { z } from "zod";

export const NETWORK_PROTOCOL_VERSION = 1;
export const NETWORK_AGENT_PATH = "/agent/v1/network";
/**
 * Metadata: the agent's proxy in a network's namespace forwards a guest's
 * request here (`GET`, agent credential) with the network id and the
 * guest's source address; the control plane answers for the port that has
 * that address on that network, and only if the network is served by the
 * calling host.
 */
export const agentMetadataPath = (path: string): string => `/agent/v1/metadata/${path.replace(/^\/+/, "")}`;
export const AGENT_METADATA_PREFIX = "/agent/v1/metadata/";
export const METADATA_NETWORK_HEADER = "x-zenith-network-id";
export const METADATA_ADDRESS_HEADER = "x-zenith-instance-address";

const count = z.int().nonnegative();
const id = z.string().min(1).max(64);
/** Address with prefix length, e.g. "10.0.0.5/24". */
const cidr = z.string().min(3).max(64);
const ip = z.string().min(2).max(64);
const mac = z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
/** Linux interface names are at most 15 bytes. */
export const ZDeviceName = z.string().regex(/^[a-z][a-z0-9-]{1,14}$/);

/** Neutron's tap naming: "tap" + the first 11 characters of the port id. */
export const tapDeviceName = (portId: string): string => `tap${portId.slice(0, 11)}`;

/**
 * Neutron's IP protocol names and their numbers (neutron_lib/constants.py
 * IP_PROTOCOL_MAP): what the API accepts in a rule and what the agent's
 * firewall matches.
 */
export const IP_PROTOCOLS: Readonly<Record<string, number>> = {
  ah: 51,
  dccp: 33,
  egp: 8,
  esp: 50,
  gre: 47,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ip: 0,
  ipip: 4,
  "ipv6-encap": 41,
  "ipv6-frag": 44,
  "ipv6-icmp": 58,
  icmpv6: 58,
  "ipv6-nonxt": 59,
  "ipv6-opts": 60,
  "ipv6-route": 43,
  ospf: 89,
  pgm: 113,
  rsvp: 46,
  sctp: 132,
  tcp: 6,
  udp: 17,
  udplite: 136,
  vrrp: 112,
};

/** A network this host must carry (it has a port on it, or serves its DHCP or a router on it). */
export const ZNetworkSpec = z.object({
  id,
  type: z.enum(["vxlan", "flat", "local"]),
  /** The VNI of a vxlan network. */
  segmentationId: z.int().min(1).max(16_777_215).nullable(),
  /** The physical network of a flat one (e.g. "public"). */
  physicalNetwork: z.string().min(1).max(64).nullable(),
  mtu: z.int().min(68).max(9216),
  external: z.boolean(),
  /** VXLAN: tunnel endpoints of the other hosts carrying this network. */
  peers: z.array(ip),
});
export type NetworkSpec = z.infer<typeof ZNetworkSpec>;

export const ZFixedIp = z.object({
  subnetId: id,
  /** "10.0.0.5" */
  address: ip,
  prefixLength: z.int().min(0).max(128),
  ipVersion: z.union([z.literal(4), z.literal(6)]),
});
export type FixedIp = z.infer<typeof ZFixedIp>;

/**
 * One security group rule, resolved for the agent: a remote group becomes
 * the addresses of its members' ports (`remotePrefixes`); `null` there
 * means "any address".
 */
export const ZSecurityRule = z.object({
  direction: z.enum(["ingress", "egress"]),
  ethertype: z.enum(["IPv4", "IPv6"]),
  /** "tcp", "udp", "icmp", "ipv6-icmp", a protocol number, or null for any. */
  protocol: z.string().min(1).max(32).nullable(),
  portRangeMin: z.int().min(0).max(65535).nullable(),
  portRangeMax: z.int().min(0).max(65535).nullable(),
  remotePrefixes: z.array(cidr).nullable(),
});
export type SecurityRule = z.infer<typeof ZSecurityRule>;

/** A port to wire on this host: a guest's tap, found by its device name, plugged into its network's bridge. */
export const ZPortSpec = z.object({
  id,
  networkId: id,
  mac,
  device: ZDeviceName,
  adminStateUp: z.boolean(),
  fixedIps: z.array(ZFixedIp),
  /** When false: no filtering and no anti-spoofing on this port. */
  portSecurity: z.boolean(),
  securityRules: z.array(ZSecurityRule),
  /** Extra (address, MAC) pairs the port may send from. */
  allowedAddressPairs: z.array(z.object({ ipAddress: cidr, macAddress: mac })),
  /** Echoed in the report once the port is wired at this generation. */
  generation: count,
});
export type PortSpec = z.infer<typeof ZPortSpec>;

/** DHCP (and the metadata proxy) of one network, in the namespace `qdhcp-<network id>` on this host. */
export const ZDhcpSpec = z.object({
  networkId: id,
  /** The network:dhcp port: its MAC and addresses go on the namespace's interface. */
  port: z.object({ id, mac, fixedIps: z.array(ZFixedIp) }),
  mtu: z.int().min(68).max(9216),
  subnets: z.array(
    z.object({
      id,
      cidr,
      ipVersion: z.union([z.literal(4), z.literal(6)]),
      gatewayIp: ip.nullable(),
      dnsNameservers: z.array(ip),
      hostRoutes: z.array(z.object({ destination: cidr, nexthop: ip })),
    }),
  ),
  /** Static leases: one per address of every port on the network. */
  hosts: z.array(z.object({ mac, address: ip, hostname: z.string().min(1).max(63) })),
  /** Serve 169.254.169.254 from this namespace (a route to it goes out in the lease). */
  metadata: z.boolean(),
  generation: count,
});
export type DhcpSpec = z.infer<typeof ZDhcpSpec>;

const ZRouterPort = z.object({
  portId: id,
  networkId: id,
  mac,
  fixedIps: z.array(ZFixedIp),
});

/** A router in the namespace `qrouter-<router id>` on this host. */
export const ZRouterSpec = z.object({
  id,
  adminStateUp: z.boolean(),
  /** The gateway port on the external network, and the external subnet's gateway as default route. */
  gateway: ZRouterPort.extend({ nexthop: ip.nullable() }).nullable(),
  /** SNAT of the interfaces' subnets to the gateway address. */
  enableSnat: z.boolean(),
  interfaces: z.array(ZRouterPort),
  routes: z.array(z.object({ destination: cidr, nexthop: ip })),
  /** DNAT/SNAT pairs on the gateway. */
  floatingIps: z.array(z.object({ id, floatingIp: ip, fixedIp: ip })),
  generation: count,
});
export type RouterSpec = z.infer<typeof ZRouterSpec>;

// ---- agent → control ----

export const ZAppliedState = z.object({
  /** Ports wired, with the generation they were wired at. */
  ports: z.array(z.object({ id, generation: count })).max(100_000),
  dhcp: z.array(z.object({ networkId: id, generation: count })).max(10_000),
  routers: z.array(z.object({ id, generation: count })).max(10_000),
  /** Things that failed to converge, with the reason (shown to admins, logged). */
  errors: z
    .array(
      z.object({ kind: z.enum(["port", "dhcp", "router", "network"]), id, message: z.string().max(1024) }),
    )
    .max(1000),
});
export type AppliedState = z.infer<typeof ZAppliedState>;
export const ZNetworkHello = z.object({
  type: z.literal("hello"),
  protocol: z.literal(NETWORK_PROTOCOL_VERSION),
  host: z.string().min(1).max(255),
  agentVersion: z.string().max(64),
  /** linux | fake */
  driver: z.enum(["linux", "fake"]),
  /** This host's VXLAN endpoint. */
  tunnelIp: ip,
  /** Physical networks bridged here (the flat external network's "public"). */
  physicalNetworks: z.array(z.string().min(1).max(64)).max(16),
  /** What is applied now (empty after a wipe); same shape as a report. */
  applied: ZAppliedState,
});
export const ZNetworkHeartbeat = z.object({ type: z.literal("heartbeat") });
export const ZNetworkReport = z.object({ type: z.literal("report"), applied: ZAppliedState });
export const ZNetworkRpcResult = z.object({
  type: z.literal("rpcResult"),
  id: z.string().min(1),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const ZNetworkAgentMessage = z.discriminatedUnion("type", [
  ZNetworkHello,
  ZNetworkHeartbeat,
  ZNetworkReport,
  ZNetworkRpcResult,
]);
export type NetworkAgentMessage = z.infer<typeof ZNetworkAgentMessage>;

// ---- control → agent ----

export const ZNetworkWelcome = z.object({
  type: z.literal("welcome"),
  hostId: z.string().min(1),
  heartbeatIntervalS: z.int().positive(),
});
/** Always the whole host: anything the agent made that is not listed here goes. */
export const ZNetworkDesired = z.object({
  type: z.literal("desired"),
  full: z.literal(true),
  networks: z.array(ZNetworkSpec),
  ports: z.array(ZPortSpec),
  dhcp: z.array(ZDhcpSpec),
  routers: z.array(ZRouterSpec),
});
export type NetworkDesired = z.infer<typeof ZNetworkDesired>;
export const ZNetworkRpc = z.object({
  type: z.literal("rpc"),
  id: z.string().min(1),
  method: z.literal("ping"),
  params: z.object({}).optional(),
});
export const ZNetworkControlMessage = z.union([ZNetworkWelcome, ZNetworkDesired, ZNetworkRpc]);
export type NetworkControlMessage = z.infer<typeof ZNetworkControlMessage>;
