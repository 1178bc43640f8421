import type { Port, Subnet } from "@zenith/api-client/neutron";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../../messages.ts";
import {
  TOPOLOGY_MAX_EDGES,
  TOPOLOGY_MAX_NODES,
  type TTopologyEdge,
  type TTopologyNode,
  type TTopologySubnet,
} from "../../../routers/network/topology/topology.types.ts";
import { ownerOf, type TopologySources } from "./read.ts";
import { toneOf } from "./tone.ts";

export interface TopologyContent {
  nodes: TTopologyNode[];
  edges: TTopologyEdge[];
}

/** Router ports that join a router to a tenant network (plain, DVR and HA variants). */
const ROUTER_INTERFACE_OWNERS = new Set([
  "network:router_interface",
  "network:router_interface_distributed",
  "network:ha_router_replicated_interface",
]);

/**
 * Which kind of edge a port is, or undefined for infrastructure that is
 * not drawn: DHCP ports, floating IP ports, router gateways (drawn from
 * the router's `external_gateway_info` instead, since tenants cannot list
 * those ports), metadata and unbound ports.
 */
function edgeKindOf(port: Port): TTopologyEdge["kind"] | undefined {
  if (port.device_owner.startsWith("compute:")) return "instance";
  if (ROUTER_INTERFACE_OWNERS.has(port.device_owner)) return "router-interface";
  return undefined;
}

function toSubnet(s: Subnet): TTopologySubnet {
  return { id: s.id, name: s.name, cidr: s.cidr, ipVersion: s.ip_version, gatewayIp: s.gateway_ip };
}

/**
 * The graph from the listings, with no further calls. Deterministic: the
 * same sources in any order give the same nodes and edges in the same
 * order (sorted by id), so the digest of equal graphs is equal. Edges
 * whose device or network is not in the graph are left out, so a client
 * never holds an edge to nowhere.
 */
export function buildTopology(src: TopologySources): TopologyContent {
  const names = src.projectNames;
  const withProject = (projectId: string | null) =>
    names && projectId !== null ? { projectName: names.get(projectId) ?? projectId } : {};

  const subnetsByNetwork = new Map<string, Subnet[]>();
  for (const s of src.subnets) {
    const list = subnetsByNetwork.get(s.network_id) ?? [];
    list.push(s);
    subnetsByNetwork.set(s.network_id, list);
  }

  const nodes: TTopologyNode[] = [];
  for (const n of src.networks) {
    const projectId = ownerOf(n);
    // The network's own `subnets` list is in creation order; ids it does not name come last, by id.
    const order = new Map(n.subnets.map((id, i) => [id, i]));
    const subnets = [...(subnetsByNetwork.get(n.id) ?? [])].sort(
      (a, b) =>
        (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
        a.id.localeCompare(b.id),
    );
    nodes.push({
      id: n.id,
      kind: "network",
      name: n.name,
      status: n.status,
      tone: toneOf(n.status),
      projectId,
      ...withProject(projectId),
      external: n["router:external"] === true,
      shared: n.shared,
      subnets: subnets.map(toSubnet),
      taskState: null,
    });
  }
  for (const r of src.routers) {
    const projectId = ownerOf(r);
    nodes.push({
      id: r.id,
      kind: "router",
      name: r.name,
      status: r.status,
      tone: toneOf(r.status),
      projectId,
      ...withProject(projectId),
      external: false,
      shared: false,
      subnets: [],
      taskState: null,
    });
  }
  for (const s of src.servers) {
    const taskState = s["OS-EXT-STS:task_state"] ?? null;
    const volumes = (s["os-extended-volumes:volumes_attached"] ?? []).map((v) => ({
      id: v.id,
      name: src.volumeNames?.get(v.id) ?? v.id,
    }));
    nodes.push({
      id: s.id,
      kind: "instance",
      name: s.name,
      status: s.status,
      tone: toneOf(s.status, taskState),
      projectId: s.tenant_id,
      ...withProject(s.tenant_id),
      external: false,
      shared: false,
      subnets: [],
      taskState,
      ...(volumes.length > 0 ? { volumes } : {}),
    });
  }

  const kindById = new Map(nodes.map((n) => [n.id, n.kind]));
  const floatingByPort = new Map<string, { id: string; address: string }[]>();
  for (const f of src.floatingIps) {
    if (!f.port_id) continue;
    const list = floatingByPort.get(f.port_id) ?? [];
    list.push({ id: f.id, address: f.floating_ip_address });
    floatingByPort.set(f.port_id, list);
  }

  const edges: TTopologyEdge[] = [];
  for (const p of src.ports) {
    const kind = edgeKindOf(p);
    if (!kind || kindById.get(p.network_id) !== "network") continue;
    if (kindById.get(p.device_id) !== (kind === "instance" ? "instance" : "router")) continue;
    edges.push({
      id: p.id,
      source: p.device_id,
      target: p.network_id,
      kind,
      status: p.status,
      tone: toneOf(p.status),
      addresses: p.fixed_ips.map((ip) => ({ ip: ip.ip_address, subnetId: ip.subnet_id })),
      macAddress: p.mac_address,
      floatingIps: (floatingByPort.get(p.id) ?? []).sort(
        (a, b) => a.address.localeCompare(b.address) || a.id.localeCompare(b.id),
      ),
    });
  }
  for (const r of src.routers) {
    const gw = r.external_gateway_info;
    if (!gw || kindById.get(gw.network_id) !== "network") continue;
    edges.push({
      id: `gw-${r.id}`,
      source: r.id,
      target: gw.network_id,
      kind: "router-gateway",
      status: r.status,
      tone: toneOf(r.status),
      addresses: (gw.external_fixed_ips ?? []).map((ip) => ({ ip: ip.ip_address, subnetId: ip.subnet_id })),
      macAddress: null,
      floatingIps: [],
    });
  }

  if (nodes.length > TOPOLOGY_MAX_NODES || edges.length > TOPOLOGY_MAX_EDGES) {
    throw new ZenithError(
      "PAYLOAD_TOO_LARGE",
      say("topology.tooLarge", { nodes: nodes.length, edges: edges.length }),
    );
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: nodes.sort(byId), edges: edges.sort(byId) };
}
