import { isOpenStackError } from "@zenith/api-client/http";
import type { Network, NetworkCreate, NeutronClient, Subnet } from "@zenith/api-client/neutron";
import { type KeyedMessage, ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import { type NetworkUsage, say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { type Page, pageOf } from "../paging.ts";
import { announceNetworkChange } from "./changes.ts";
import {
  type NetworkScope,
  type NetworkSummary,
  ownerKindOf,
  type PortDto,
  projectOf,
  type SubnetDto,
  toNetworkSummary,
  toSubnetDto,
} from "./network-dto.ts";
import { routerNames, serversById, toPortDto } from "./port-owners.ts";
import { projectNames } from "./project-names.ts";
import { networkError } from "./subnet-errors.ts";
import { createSubnetOn, type SubnetInput } from "./subnets.ts";

export const NETWORK_SORT_KEYS = ["name", "status", "created"] as const;
export type NetworkSortKey = (typeof NETWORK_SORT_KEYS)[number];

export interface NetworkListQuery {
  page: number;
  pageSize: number;
  sort?: NetworkSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
  allProjects?: boolean | undefined;
  projectId?: string | undefined;
}

function refuseAdminOnly(scope: NetworkScope, used: boolean, refusal: KeyedMessage): void {
  if (used && !scope.isAdmin) throw new ZenithError("FORBIDDEN", refusal);
}

/** The networks a project works with: its own, shared ones and external ones. */
function visibleToProject(n: Network, projectId: string): boolean {
  return projectOf(n) === projectId || n.shared || n["router:external"] === true;
}

/**
 * One page of networks with a total. Neutron has no count, so the list is
 * read once (networks and their subnets, two calls) and filtered, sorted
 * and paged here; only the page crosses to the browser.
 */
export async function listNetworks(
  cloud: Cloud,
  scope: NetworkScope,
  query: NetworkListQuery,
): Promise<Page<NetworkSummary>> {
  refuseAdminOnly(scope, !!(query.allProjects || query.projectId), say("network.listOthersAdminOnly"));
  const neutron = await cloud.neutron();
  const networkQuery = query.projectId ? { project_id: query.projectId } : {};
  const [networks, subnets] = await Promise.all([
    neutron.networks.listAll(networkQuery),
    neutron.subnets.listAll(query.projectId ? { project_id: query.projectId } : {}),
  ]);
  // An admin's token sees every project's networks; without allProjects the view is the project's.
  const scoped =
    query.allProjects || query.projectId
      ? networks
      : networks.filter((n) => visibleToProject(n, scope.projectId));
  const subnetById = new Map(subnets.map((s) => [s.id, s]));
  const rows = scoped.map((n) => toNetworkSummary(n, subnetById, scope));
  const page = pageOf(rows, query, "name");
  const withProjects = scope.isAdmin && !!(query.allProjects || query.projectId);
  const names = withProjects
    ? await projectNames(
        cloud,
        scope.token,
        page.items.map((n) => n.projectId),
      )
    : new Map<string, string>();
  return {
    ...page,
    items: page.items.map((n) =>
      withProjects ? { ...n, projectName: (n.projectId && names.get(n.projectId)) || "" } : n,
    ),
  };
}

export interface NetworkDetail {
  network: NetworkSummary;
  subnets: SubnetDto[];
  /** The ports on the network, exact unless `more` (then at least this many). */
  portCount: number;
  /** The instances with a port on it, exact unless `more` (then at least this many). */
  instanceCount: number;
  /** The network has more ports than the first view reads (PORT_SAMPLE): the counts are lower bounds. */
  more: boolean;
  /** Why it cannot be deleted now, or null; instance and other-port counts are lower bounds when `more`. */
  inUse: NetworkUsage | null;
}

/**
 * How many of a network's ports the first view reads (one Neutron page).
 * A network with more is said to have "at least" that many; the ports and
 * instances tabs page through all of them when opened.
 */
export const PORT_SAMPLE = 100;

/**
 * The owners that hold a network besides instances and unowned ports:
 * router interfaces and gateways, floating IPs. They are few whatever the
 * network's size, so they are read in full with Neutron's exact-match
 * `device_owner` filter (several values allowed).
 */
const INFRASTRUCTURE_OWNERS = [
  "network:router_interface",
  "network:router_interface_distributed",
  "network:router_gateway",
  "network:floatingip",
];

/**
 * A network with its subnets and what holds it, in a bounded number of
 * calls and bytes whatever its size: the routers' and floating IPs' ports
 * in full (few), one page of the network's ports for the instances and
 * other ports (`PORT_SAMPLE`), and the names of the five instances the
 * usage names. Counts past the page are reported as lower bounds (`more`).
 */
export async function getNetwork(cloud: Cloud, scope: NetworkScope, id: string): Promise<NetworkDetail> {
  const neutron = await cloud.neutron();
  const [network, subnets, infrastructure, sample] = await Promise.all([
    neutron.networks.get(id),
    neutron.subnets.listAll({ network_id: id }),
    neutron.ports.listAll({ network_id: id, device_owner: INFRASTRUCTURE_OWNERS }),
    // One more than shown: whether the page is the whole network.
    neutron.ports.list({ network_id: id, limit: PORT_SAMPLE + 1 }),
  ]);
  const more = sample.items.length > PORT_SAMPLE;
  const firstPorts = sample.items.slice(0, PORT_SAMPLE);
  // Routers and floating IPs from their own (complete) read; instances and the rest from the page.
  const holders = [
    ...infrastructure,
    ...firstPorts.filter((p) => !INFRASTRUCTURE_OWNERS.includes(p.device_owner)),
  ];
  const instanceIds = [
    ...new Set(firstPorts.filter((p) => ownerKindOf(p) === "instance").map((p) => p.device_id)),
  ];
  const [servers, routers, names] = await Promise.all([
    serversById(cloud, instanceIds.slice(0, USAGE_NAMES)),
    routerNames(cloud, infrastructure),
    scope.isAdmin ? projectNames(cloud, scope.token, [projectOf(network)]) : new Map<string, string>(),
  ]);
  const projectId = projectOf(network);
  return {
    network: toNetworkSummary(
      network,
      new Map(subnets.map((s) => [s.id, s])),
      scope,
      projectId ? names.get(projectId) : undefined,
    ),
    subnets: subnets.map(toSubnetDto),
    portCount: firstPorts.length,
    instanceCount: instanceIds.length,
    more,
    inUse: networkUsage(holders.map((p) => toPortDto(p, { servers, routers }))),
  };
}

export interface NetworkInput {
  name: string;
  description?: string | undefined;
  adminStateUp: boolean;
  shared?: boolean | undefined;
  external?: boolean | undefined;
  provider?:
    | { networkType: string; physicalNetwork?: string | undefined; segmentationId?: number | undefined }
    | undefined;
  projectId?: string | undefined;
  subnet?: SubnetInput | undefined;
}

/**
 * Creates a network and, optionally, its first subnet in one step. If the
 * subnet is refused the network is deleted again, so a failed form leaves
 * nothing behind, and the subnet's error lands on its field.
 */
export async function createNetwork(
  cloud: Cloud,
  scope: NetworkScope,
  input: NetworkInput,
  log?: Pick<Logger, "warn">,
): Promise<{ network: NetworkSummary; subnet: SubnetDto | null }> {
  refuseAdminOnly(
    scope,
    !!(input.shared || input.external || input.provider || input.projectId),
    say("network.createSpecialAdminOnly"),
  );
  const neutron = await cloud.neutron();
  const body: NetworkCreate = { name: input.name, admin_state_up: input.adminStateUp };
  if (input.description) body.description = input.description;
  if (input.shared !== undefined) body.shared = input.shared;
  if (input.external !== undefined) body["router:external"] = input.external;
  if (input.projectId) body.project_id = input.projectId;
  if (input.provider) {
    body["provider:network_type"] = input.provider.networkType;
    if (input.provider.physicalNetwork) body["provider:physical_network"] = input.provider.physicalNetwork;
    if (input.provider.segmentationId !== undefined)
      body["provider:segmentation_id"] = input.provider.segmentationId;
  }
  const network = await neutron.networks.create(body).catch((err: unknown) => {
    throw networkError(err);
  });
  const owner = projectOf(network) ?? scope.projectId;
  let subnet: Subnet | null = null;
  if (input.subnet) {
    try {
      subnet = await createSubnetOn(neutron, network.id, input.subnet, input.projectId, "subnet.");
    } catch (err) {
      await neutron.networks.delete(network.id).catch((cleanup: unknown) => {
        // The user sees the subnet's error; the leftover network is for the operator to know about.
        log?.warn(
          { err: cleanup, networkId: network.id },
          "could not remove a network whose subnet was refused",
        );
      });
      // A topology stream may have caught the network in between: tell it to look again.
      announceNetworkChange(owner);
      throw err;
    }
  }
  announceNetworkChange(owner);
  const subnets = new Map(subnet ? [[subnet.id, subnet]] : []);
  const fresh: Network = subnet ? { ...network, subnets: [subnet.id] } : network;
  return { network: toNetworkSummary(fresh, subnets, scope), subnet: subnet ? toSubnetDto(subnet) : null };
}

export interface NetworkUpdate {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  adminStateUp?: boolean | undefined;
  shared?: boolean | undefined;
}

export async function updateNetwork(
  cloud: Cloud,
  scope: NetworkScope,
  input: NetworkUpdate,
): Promise<NetworkSummary> {
  refuseAdminOnly(scope, input.shared !== undefined, say("network.shareAdminOnly"));
  const neutron = await cloud.neutron();
  const body: Partial<NetworkCreate> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.description !== undefined) body.description = input.description;
  if (input.adminStateUp !== undefined) body.admin_state_up = input.adminStateUp;
  if (input.shared !== undefined) body.shared = input.shared;
  const network = await neutron.networks.update(input.id, body);
  announceNetworkChange(projectOf(network) ?? scope.projectId);
  const subnets = await subnetsOf(neutron, network);
  return toNetworkSummary(network, subnets, scope);
}

async function subnetsOf(neutron: NeutronClient, network: Network): Promise<Map<string, Subnet>> {
  if (network.subnets.length === 0) return new Map();
  const subnets = await neutron.subnets.listAll({ network_id: network.id });
  return new Map(subnets.map((s) => [s.id, s]));
}

/**
 * Deletes a network, refused with the reason while something uses it:
 * instances' ports, router interfaces or gateways, floating IPs (DHCP
 * ports go with the network, as in Neutron). Neutron's own 409
 * NetworkInUse (a port that appeared meanwhile) gets the same treatment.
 */
export async function deleteNetwork(cloud: Cloud, scope: NetworkScope, id: string): Promise<void> {
  const neutron = await cloud.neutron();
  const [network, usage] = await Promise.all([neutron.networks.get(id), currentUsage(cloud, id)]);
  const name = network.name || network.id;
  // A shared or external network seen by a member belongs to someone else: say so rather than a bare 403.
  if (!scope.isAdmin && projectOf(network) !== scope.projectId) {
    throw new ZenithError("FORBIDDEN", say("network.ownedByOther", { network: name }));
  }
  if (usage) throw new ZenithError("CONFLICT", say("network.inUse", { network: name, ...usage }));
  try {
    await neutron.networks.delete(id);
  } catch (err) {
    if (!(isOpenStackError(err) && err.status === 409)) throw err;
    const again = await currentUsage(cloud, id).catch(() => null);
    throw new ZenithError(
      "CONFLICT",
      again ? say("network.inUse", { network: name, ...again }) : err.message,
      { cause: err },
    );
  }
  announceNetworkChange(projectOf(network) ?? scope.projectId);
}

async function currentUsage(cloud: Cloud, id: string): Promise<NetworkUsage | null> {
  const ports = await (await cloud.neutron()).ports.listAll({ network_id: id });
  // Every port counts; only the instances the message names are read from Nova.
  const named = [...new Set(ports.filter((p) => ownerKindOf(p) === "instance").map((p) => p.device_id))];
  const [servers, routers] = await Promise.all([
    serversById(cloud, named.slice(0, USAGE_NAMES)),
    routerNames(cloud, ports),
  ]);
  return networkUsage(ports.map((p) => toPortDto(p, { servers, routers })));
}

/** What holds a network (instances, router interfaces and gateways by name; floating IPs and other ports counted), or null. */
export function networkUsage(ports: readonly PortDto[]): NetworkUsage | null {
  const instances = new Set<string>();
  const routers = new Set<string>();
  const gateways = new Set<string>();
  let floatingIps = 0;
  let otherPorts = 0;
  for (const p of ports) {
    const label = p.owner.name || p.owner.id;
    if (p.owner.kind === "instance") instances.add(label);
    else if (p.owner.kind === "router-interface") routers.add(label);
    else if (p.owner.kind === "router-gateway") gateways.add(label);
    else if (p.owner.kind === "floating-ip") floatingIps++;
    else if (p.owner.kind === "other" || p.owner.kind === "none") otherPorts++;
  }
  const usage: NetworkUsage = {
    instanceCount: instances.size,
    instances: names(instances),
    routerCount: routers.size,
    routers: names(routers),
    gatewayCount: gateways.size,
    gateways: names(gateways),
    floatingIps,
    otherPorts,
  };
  const held = usage.instanceCount + usage.routerCount + usage.gatewayCount + floatingIps + otherPorts;
  return held === 0 ? null : usage;
}

/** How many names of each kind a usage spells out. */
const USAGE_NAMES = 5;

/** Up to five names, then "…" (the count beside them says how many). */
function names(items: Set<string>): string {
  const all = [...items];
  return all.length > USAGE_NAMES ? `${all.slice(0, USAGE_NAMES).join(", ")}, …` : all.join(", ");
}
