import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import { authorizeNetwork, isNetworkAdmin, type NetworkAction } from "../../policy/network.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { scopedProjectId } from "../identity/auth-context.ts";
import { owningProject } from "./caller.ts";
import { type NetworkDeps, TX_OPTIONS, type Tx } from "./deps.ts";
import {
  conflict,
  flatNetworkInUse,
  invalidInput,
  isUniqueViolation,
  networkInUse,
  networkNotFound,
  noNetworkAvailable,
  tunnelIdInUse,
} from "./errors.ts";
import { type ListQuery, pushDown } from "./listing.ts";
import { AUTO_DELETE_PORT_OWNERS, NETWORK_INCLUDE, type NetworkRecord } from "./records.ts";

export const NETWORK_TYPES = ["vxlan", "flat", "local"] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/** The largest MTU each type carries: VXLAN loses 50 bytes of a 1500-byte underlay to its headers. */
export const MAX_MTU: Record<NetworkType, number> = { vxlan: 1450, flat: 1500, local: 1500 };

export interface NetworkCreate {
  projectId?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  adminStateUp?: boolean | undefined;
  shared?: boolean | undefined;
  external?: boolean | undefined;
  networkType?: NetworkType | undefined;
  physicalNetwork?: string | null | undefined;
  segmentationId?: number | null | undefined;
  mtu?: number | undefined;
  portSecurityEnabled?: boolean | undefined;
  tags?: string[] | undefined;
}

export type NetworkUpdate = Omit<NetworkCreate, "projectId">;

/** Who may see a network without being its owner: everyone, when it is shared or external. */
export function visibleNetworks(ctx: AuthContext): Prisma.NetworkWhereInput {
  if (isNetworkAdmin(ctx)) return {};
  const project = scopedProjectId(ctx);
  if (project === null) return { id: { in: [] } };
  return { OR: [{ projectId: project }, { shared: true }, { external: true }] };
}

const ADMIN_ATTRIBUTES = [
  ["shared", "shared"],
  ["external", "router:external"],
  ["networkType", "provider:network_type"],
  ["physicalNetwork", "provider:physical_network"],
  ["segmentationId", "provider:segmentation_id"],
] as const;

/** Networks (Neutron's core resource): CRUD, provider segments, VNI allocation. */
export class NetworkService {
  constructor(private readonly deps: NetworkDeps) {}

  async list(ctx: AuthContext, query: ListQuery): Promise<NetworkRecord[]> {
    const ids = pushDown(query, "id");
    const names = pushDown(query, "name");
    return this.deps.prisma.network.findMany({
      where: {
        AND: [visibleNetworks(ctx), ids ? { id: { in: ids } } : {}, names ? { name: { in: names } } : {}],
      },
      include: NETWORK_INCLUDE,
      orderBy: { id: "asc" },
    });
  }

  /** The network if the caller may see it; Neutron's 404 otherwise. */
  async get(
    ctx: AuthContext,
    id: string,
    db: Tx | NetworkDeps["prisma"] = this.deps.prisma,
  ): Promise<NetworkRecord> {
    const network = await db.network.findFirst({
      where: { AND: [{ id }, visibleNetworks(ctx)] },
      include: NETWORK_INCLUDE,
    });
    if (!network) throw networkNotFound(id);
    return network;
  }

  async create(ctx: AuthContext, input: NetworkCreate): Promise<NetworkRecord> {
    const projectId = owningProject(ctx, input.projectId);
    this.authorizeWrite(ctx, "create", projectId, input);
    const networkType = input.networkType ?? "vxlan";
    const segment = this.segmentOf(networkType, input);
    const mtu = input.mtu ?? MAX_MTU[networkType];
    if (mtu > MAX_MTU[networkType]) {
      throw invalidInput(`Requested MTU is too big, maximum is ${MAX_MTU[networkType]}`);
    }
    // A racing create can take the VNI we picked (the unique constraint refuses the second): pick again.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.prisma.$transaction(async (tx) => {
          await this.deps.quotas.check(tx, projectId, "network");
          const segmentationId =
            networkType === "vxlan" ? (segment.segmentationId ?? (await this.allocateVni(tx))) : null;
          if (networkType === "flat" && segment.physicalNetwork) {
            await this.claimPhysnet(tx, segment.physicalNetwork);
          }
          return tx.network.create({
            data: {
              id: randomUUID(),
              projectId,
              name: input.name ?? "",
              description: input.description ?? "",
              adminStateUp: input.adminStateUp ?? true,
              shared: input.shared ?? false,
              external: input.external ?? false,
              networkType,
              physicalNetwork: segment.physicalNetwork,
              segmentationId,
              mtu,
              portSecurityEnabled: input.portSecurityEnabled ?? true,
              tags: input.tags ?? [],
            },
            include: NETWORK_INCLUDE,
          });
        }, TX_OPTIONS);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (segment.segmentationId !== null) throw tunnelIdInUse(segment.segmentationId);
        if (attempt >= 8) throw noNetworkAvailable();
      }
    }
  }

  async update(ctx: AuthContext, id: string, input: NetworkUpdate): Promise<NetworkRecord> {
    const network = await this.get(ctx, id);
    this.authorizeWrite(ctx, "update", network.projectId, input);
    const unchanged =
      (input.networkType === undefined || input.networkType === network.networkType) &&
      (input.physicalNetwork === undefined || input.physicalNetwork === network.physicalNetwork) &&
      (input.segmentationId === undefined || input.segmentationId === network.segmentationId);
    if (!unchanged) throw invalidInput("Plugin does not support updating provider attributes");
    const type = network.networkType as NetworkType;
    const max = MAX_MTU[type] ?? 1500;
    if (input.mtu !== undefined && input.mtu > max) {
      throw invalidInput(`Requested MTU is too big, maximum is ${max}`);
    }
    return this.deps.prisma.$transaction(async (tx) => {
      if (input.shared === false && network.shared) await this.assertUnsharable(tx, network);
      return tx.network.update({
        where: { id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.adminStateUp !== undefined ? { adminStateUp: input.adminStateUp } : {}),
          ...(input.shared !== undefined ? { shared: input.shared } : {}),
          ...(input.external !== undefined ? { external: input.external } : {}),
          ...(input.mtu !== undefined ? { mtu: input.mtu } : {}),
          ...(input.portSecurityEnabled !== undefined
            ? { portSecurityEnabled: input.portSecurityEnabled }
            : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          revisionNumber: { increment: 1 },
        },
        include: NETWORK_INCLUDE,
      });
    }, TX_OPTIONS);
  }

  /**
   * Deletes a network with its subnets and DHCP port; any other port (an
   * instance's, a router's) keeps it in use (409 NetworkInUse), as upstream.
   */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const network = await this.get(ctx, id);
    authorizeNetwork(ctx, "delete_network", { projectId: network.projectId });
    await this.deps.prisma.$transaction(async (tx) => {
      // Port creation holds the network row FOR SHARE: no port can appear between this check and the delete.
      await tx.$queryRaw`SELECT id FROM network WHERE id = ${id} FOR UPDATE`;
      const blocking = await tx.port.findMany({
        where: { networkId: id, deviceOwner: { notIn: [...AUTO_DELETE_PORT_OWNERS] } },
        select: { id: true },
        orderBy: { id: "asc" },
        take: 20,
      });
      if (blocking.length > 0)
        throw networkInUse(
          id,
          blocking.map((p) => p.id),
        );
      await tx.port.deleteMany({ where: { networkId: id } });
      await tx.subnet.deleteMany({ where: { networkId: id } });
      await tx.network.deleteMany({ where: { id } });
    }, TX_OPTIONS);
  }

  private authorizeWrite(
    ctx: AuthContext,
    op: "create" | "update",
    projectId: string,
    input: NetworkUpdate,
  ): void {
    authorizeNetwork(ctx, `${op}_network`, { projectId });
    for (const [key, attribute] of ADMIN_ATTRIBUTES) {
      if (input[key] !== undefined)
        authorizeNetwork(ctx, `${op}_network:${attribute}` as NetworkAction, { projectId });
    }
  }

  /** Validates the provider attributes of a new network (ml2's type drivers' rules). */
  private segmentOf(
    type: NetworkType,
    input: NetworkCreate,
  ): { physicalNetwork: string | null; segmentationId: number | null } {
    const physnet = input.physicalNetwork ?? null;
    const segId = input.segmentationId ?? null;
    if (type === "vxlan") {
      if (physnet !== null) throw invalidInput("provider:physical_network specified for vxlan network");
      if (segId !== null && (segId < 1 || segId > 16_777_215)) {
        throw invalidInput(`provider:segmentation_id ${segId} out of range (1 through 16777215)`);
      }
      return { physicalNetwork: null, segmentationId: segId };
    }
    if (segId !== null) throw invalidInput(`provider:segmentation_id specified for ${type} network`);
    if (type === "flat") {
      if (physnet === null)
        throw invalidInput("provider:physical_network required for flat provider network");
      return { physicalNetwork: physnet, segmentationId: null };
    }
    if (physnet !== null) throw invalidInput("provider:physical_network specified for local network");
    return { physicalNetwork: null, segmentationId: null };
  }

  /** The lowest free VNI of the configured range; the unique constraint settles races. */
  private async allocateVni(tx: Tx): Promise<number> {
    const { min, max } = this.deps.config.vniRange;
    const used = await tx.network.findMany({
      where: { networkType: "vxlan", segmentationId: { gte: min, lte: max } },
      select: { segmentationId: true },
      orderBy: { segmentationId: "asc" },
    });
    let candidate = min;
    for (const row of used) {
      if (row.segmentationId === null || row.segmentationId < candidate) continue;
      if (row.segmentationId > candidate) break;
      candidate++;
    }
    if (candidate > max) throw noNetworkAvailable();
    return candidate;
  }

  /** One flat network per physical network: the lock makes the check race-free. */
  private async claimPhysnet(tx: Tx, physnet: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`neutron-flat:${physnet}`}))`;
    const taken = await tx.network.count({ where: { networkType: "flat", physicalNetwork: physnet } });
    if (taken > 0) throw flatNetworkInUse(physnet);
  }

  /** Neutron refuses to unshare a network other projects have ports on. */
  private async assertUnsharable(tx: Tx, network: NetworkRecord): Promise<void> {
    const foreign = await tx.port.count({
      where: {
        networkId: network.id,
        projectId: { not: network.projectId },
        deviceOwner: { not: { startsWith: "network:" } },
      },
    });
    if (foreign > 0) {
      throw conflict(
        "InvalidSharedSetting",
        `Unable to reconfigure sharing settings for network ${network.id}. Multiple tenants are using it.`,
      );
    }
  }
}
