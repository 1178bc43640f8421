import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import { authorizeNetwork, isNetworkAdmin } from "../../policy/network.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { scopedProjectId } from "../identity/auth-context.ts";
import { overlaps, parseIp } from "./addresses.ts";
import { owningProject } from "./caller.ts";
import { type NetworkDeps, TX_OPTIONS, type Tx } from "./deps.ts";
import { syncDhcpPort } from "./dhcp-port.ts";
import { invalidInput, isUniqueViolation, subnetInUse, subnetNotFound } from "./errors.ts";
import { type ListQuery, pushDown } from "./listing.ts";
import type { NetworkService } from "./networks.ts";
import {
  type AddressPool,
  DEVICE_OWNER,
  type HostRoute,
  readPools,
  SUBNET_INCLUDE,
  type SubnetRecord,
} from "./records.ts";
import type { SubnetPoolService } from "./subnet-pools/subnet-pools.ts";
import { gatewayOf, hostRoutesFor, nameserversFor, poolsFor, subnetCidr } from "./subnet-rules.ts";

export const IPV6_MODES = ["slaac", "dhcpv6-stateful", "dhcpv6-stateless"] as const;
export type Ipv6Mode = (typeof IPV6_MODES)[number];

export interface SubnetCreate {
  projectId?: string | undefined;
  networkId: string;
  name?: string | undefined;
  description?: string | undefined;
  ipVersion?: 4 | 6 | undefined;
  /** Required unless the subnet comes from a subnet pool, which then may name a block of it. */
  cidr?: string | undefined;
  /** subnet_allocation: the pool the CIDR comes from, and the size of the block to take. */
  subnetpoolId?: string | null | undefined;
  prefixlen?: number | undefined;
  /** Take the CIDR from the default pool of the IP version. */
  useDefaultSubnetpool?: boolean | undefined;
  gatewayIp?: string | null | undefined;
  allocationPools?: AddressPool[] | undefined;
  enableDhcp?: boolean | undefined;
  dnsNameservers?: string[] | undefined;
  hostRoutes?: HostRoute[] | undefined;
  ipv6RaMode?: Ipv6Mode | null | undefined;
  ipv6AddressMode?: Ipv6Mode | null | undefined;
  tags?: string[] | undefined;
}

export type SubnetUpdate = Partial<
  Pick<
    SubnetCreate,
    | "name"
    | "description"
    | "gatewayIp"
    | "allocationPools"
    | "enableDhcp"
    | "dnsNameservers"
    | "hostRoutes"
    | "tags"
  >
>;

/**
 * Subnets of networks the caller may see: its own or shared ones, and its
 * own subnets anywhere. Not those of another project's external network:
 * upstream shows the network but not its subnets unless it is shared
 * (Tempest's test_external_network_visibility).
 */
export function visibleSubnets(ctx: AuthContext): Prisma.SubnetWhereInput {
  if (isNetworkAdmin(ctx)) return {};
  const project = scopedProjectId(ctx);
  if (project === null) return { id: { in: [] } };
  return {
    OR: [{ projectId: project }, { network: { OR: [{ projectId: project }, { shared: true }] } }],
  };
}

function subnetTarget(subnet: SubnetRecord) {
  return {
    projectId: subnet.projectId,
    networkProjectId: subnet.network.projectId,
    shared: subnet.network.shared,
    external: subnet.network.external,
  };
}

/** Subnets: address plans of a network (CIDR, gateway, pools, DHCP options). */
export class SubnetService {
  constructor(
    private readonly deps: NetworkDeps,
    private readonly networks: NetworkService,
    private readonly pools: SubnetPoolService,
  ) {}

  async list(ctx: AuthContext, query: ListQuery): Promise<SubnetRecord[]> {
    const ids = pushDown(query, "id");
    const networkIds = pushDown(query, "network_id");
    return this.deps.prisma.subnet.findMany({
      where: {
        AND: [
          visibleSubnets(ctx),
          ids ? { id: { in: ids } } : {},
          networkIds ? { networkId: { in: networkIds } } : {},
        ],
      },
      include: SUBNET_INCLUDE,
      orderBy: { id: "asc" },
    });
  }

  async get(
    ctx: AuthContext,
    id: string,
    db: Tx | NetworkDeps["prisma"] = this.deps.prisma,
  ): Promise<SubnetRecord> {
    const subnet = await db.subnet.findFirst({
      where: { AND: [{ id }, visibleSubnets(ctx)] },
      include: SUBNET_INCLUDE,
    });
    if (!subnet) throw subnetNotFound(id);
    return subnet;
  }

  async create(ctx: AuthContext, input: SubnetCreate): Promise<SubnetRecord> {
    const network = await this.networks.get(ctx, input.networkId);
    const projectId = owningProject(ctx, input.projectId);
    authorizeNetwork(ctx, "create_subnet", {
      projectId,
      networkProjectId: network.projectId,
      shared: network.shared,
      external: network.external,
    });
    // The address plan of a CIDR; with a subnet pool the CIDR is known only inside the transaction.
    const planFor = (cidrText: string) => {
      const cidr = subnetCidr(cidrText, input.ipVersion);
      const gatewayIp = gatewayOf(cidr, input.gatewayIp);
      const allocationPools = poolsFor(cidr, gatewayIp, input.allocationPools);
      const dnsNameservers = nameserversFor(cidr.version, input.dnsNameservers ?? []);
      const hostRoutes = hostRoutesFor(cidr.version, input.hostRoutes ?? []);
      if (cidr.version === 4 && (input.ipv6RaMode || input.ipv6AddressMode)) {
        throw invalidInput("ipv6_ra_mode or ipv6_address_mode cannot be set when ip_version is 4");
      }
      if (input.ipv6RaMode && input.ipv6AddressMode && input.ipv6RaMode !== input.ipv6AddressMode) {
        throw invalidInput(
          `ipv6_ra_mode set to '${input.ipv6RaMode}' with ipv6_address_mode set to '${input.ipv6AddressMode}' is not valid. If both attributes are set, they must be the same value`,
        );
      }
      const autoAddress = input.ipv6AddressMode === "slaac" || input.ipv6AddressMode === "dhcpv6-stateless";
      if (autoAddress && cidr.prefix !== 64) {
        throw invalidInput(
          `Invalid CIDR ${cidr.text} for IPv6 address mode. OpenStack uses the EUI-64 address format, which requires the prefix to be /64`,
        );
      }
      return { cidr, gatewayIp, allocationPools, dnsNameservers, hostRoutes };
    };
    const poolId = await this.pools.poolIdFor(ctx, input);
    const fixedPlan = poolId === null && input.cidr !== undefined ? planFor(input.cidr) : null;
    const enableDhcp = input.enableDhcp ?? true;
    // A new DHCP port may draw a MAC a racing port took at the same moment: try again.
    for (let attempt = 0; ; attempt++) {
      try {
        const id = await this.deps.prisma.$transaction(async (tx) => {
          // The network row lock serializes subnet changes on one network, so the overlap check holds.
          await tx.$queryRaw`SELECT id FROM network WHERE id = ${network.id} FOR UPDATE`;
          const { cidr, gatewayIp, allocationPools, dnsNameservers, hostRoutes } =
            fixedPlan ??
            planFor(
              (
                await this.pools.allocate(tx, ctx, poolId ?? "", projectId, {
                  ipVersion: input.ipVersion,
                  cidr: input.cidr,
                  prefixlen: input.prefixlen,
                })
              ).cidr,
            );
          const siblings = await tx.subnet.findMany({
            where: { networkId: network.id },
            select: { cidr: true },
          });
          for (const sibling of siblings) {
            const other = subnetCidr(sibling.cidr, undefined);
            if (other.version === cidr.version && overlaps(other, cidr)) {
              throw invalidInput(
                `Requested subnet with cidr: ${cidr.text} for network: ${network.id} overlaps with another subnet`,
              );
            }
          }
          await this.deps.quotas.check(tx, projectId, "subnet");
          const subnetId = randomUUID();
          await tx.subnet.create({
            data: {
              id: subnetId,
              networkId: network.id,
              projectId,
              name: input.name ?? "",
              description: input.description ?? "",
              ipVersion: cidr.version,
              cidr: cidr.text,
              gatewayIp,
              enableDhcp,
              dnsNameservers,
              hostRoutes: hostRoutes,
              allocationPools: allocationPools,
              ipv6RaMode: input.ipv6RaMode ?? null,
              ipv6AddressMode: input.ipv6AddressMode ?? null,
              tags: input.tags ?? [],
              subnetpoolId: poolId,
            },
          });
          if (enableDhcp) await syncDhcpPort(tx, network.id);
          return subnetId;
        }, TX_OPTIONS);
        return this.get(ctx, id);
      } catch (err) {
        if (!isUniqueViolation(err, "mac_address") || attempt >= 4) throw err;
      }
    }
  }

  async update(ctx: AuthContext, id: string, input: SubnetUpdate): Promise<SubnetRecord> {
    const subnet = await this.get(ctx, id);
    authorizeNetwork(ctx, "update_subnet", subnetTarget(subnet));
    const cidr = subnetCidr(subnet.cidr, subnet.ipVersion);
    const gatewayIp = input.gatewayIp === undefined ? subnet.gatewayIp : gatewayOf(cidr, input.gatewayIp);
    const currentPools = readPools(subnet.allocationPools);
    // New pools are validated against the new gateway; kept pools must still leave it out.
    const allocationPools =
      input.allocationPools !== undefined || input.gatewayIp !== undefined
        ? poolsFor(cidr, gatewayIp, input.allocationPools ?? currentPools)
        : currentPools;
    const dnsNameservers =
      input.dnsNameservers === undefined ? undefined : nameserversFor(cidr.version, input.dnsNameservers);
    const hostRoutes =
      input.hostRoutes === undefined ? undefined : hostRoutesFor(cidr.version, input.hostRoutes);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.prisma.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT id FROM network WHERE id = ${subnet.networkId} FOR UPDATE`;
          if (gatewayIp !== null && gatewayIp !== subnet.gatewayIp)
            await this.assertGatewayFree(tx, subnet, gatewayIp);
          await tx.subnet.update({
            where: { id },
            data: {
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.description !== undefined ? { description: input.description } : {}),
              ...(input.enableDhcp !== undefined ? { enableDhcp: input.enableDhcp } : {}),
              ...(input.tags !== undefined ? { tags: input.tags } : {}),
              ...(dnsNameservers !== undefined ? { dnsNameservers } : {}),
              ...(hostRoutes !== undefined ? { hostRoutes: hostRoutes } : {}),
              gatewayIp,
              allocationPools: allocationPools,
              revisionNumber: { increment: 1 },
            },
          });
          if (input.enableDhcp !== undefined) await syncDhcpPort(tx, subnet.networkId);
        }, TX_OPTIONS);
        return this.get(ctx, id);
      } catch (err) {
        if (!isUniqueViolation(err, "mac_address") || attempt >= 4) throw err;
      }
    }
  }

  /** Refused while any port but the DHCP port holds an address of it (409 SubnetInUse). */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const subnet = await this.get(ctx, id);
    authorizeNetwork(ctx, "delete_subnet", subnetTarget(subnet));
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM network WHERE id = ${subnet.networkId} FOR UPDATE`;
      const inUse = await tx.ipAllocation.count({
        where: { subnetId: id, port: { deviceOwner: { not: DEVICE_OWNER.dhcp } } },
      });
      if (inUse > 0) throw subnetInUse(id);
      await tx.ipAllocation.deleteMany({ where: { subnetId: id } });
      await tx.subnet.deleteMany({ where: { id } });
      await syncDhcpPort(tx, subnet.networkId);
    }, TX_OPTIONS);
  }

  /** A new gateway address must not be held by a port other than a router's. */
  private async assertGatewayFree(tx: Tx, subnet: SubnetRecord, gatewayIp: string): Promise<void> {
    const holder = await tx.ipAllocation.findUnique({
      where: { subnetId_ipAddress: { subnetId: subnet.id, ipAddress: parseIp(gatewayIp).text } },
      include: { port: { select: { deviceOwner: true } } },
    });
    if (holder && !holder.port.deviceOwner.startsWith("network:router")) {
      throw invalidInput(`Gateway ip ${gatewayIp} conflicts with an allocated address`);
    }
  }
}
