import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import { authorizeNetwork, isNetworkAdmin, type NetworkAction } from "../../policy/network.ts";
import type { AuthContext } from "../identity/auth-context.ts";
import { scopedProjectId } from "../identity/auth-context.ts";
import { inOrder } from "../json-rows.ts";
import { parseIp } from "./addresses.ts";
import { owningProject } from "./caller.ts";
import { ensureDefaultSecurityGroup } from "./default-security-group.ts";
import { type NetworkDeps, TX_OPTIONS, type Tx } from "./deps.ts";
import {
  addressPairAndPortSecurityRequired,
  conflict,
  isUniqueViolation,
  macAddressInUse,
  networkNotFound,
  portNotFound,
  portSecurityAndIpRequired,
  portSecurityPortHasSecurityGroup,
  securityGroupNotFound,
  servicePortInUse,
} from "./errors.ts";
import { type ListQuery, pushDown } from "./listing.ts";
import { freeMac, normalizeMac } from "./mac.ts";
import type { NetworkService } from "./networks.ts";
import { portRecords } from "./port-rows.ts";
import { addressPairs, addressRequests, type FixedIpRequest, type VNIC_TYPES } from "./port-rules.ts";
import { allocateAddresses, holdNetwork, insertPort } from "./port-store.ts";
import { PORT_INCLUDE, type PortRecord, readPairs, SERVICE_PORT_OWNERS } from "./records.ts";

export type VnicType = (typeof VNIC_TYPES)[number];

export interface PortCreate {
  projectId?: string | undefined;
  networkId: string;
  name?: string | undefined;
  description?: string | undefined;
  adminStateUp?: boolean | undefined;
  macAddress?: string | undefined;
  fixedIps?: FixedIpRequest[] | undefined;
  deviceId?: string | undefined;
  deviceOwner?: string | undefined;
  bindingHost?: string | undefined;
  bindingProfile?: Prisma.InputJsonObject | undefined;
  vnicType?: VnicType | undefined;
  securityGroups?: string[] | undefined;
  portSecurityEnabled?: boolean | undefined;
  allowedAddressPairs?: Array<{ ipAddress: string; macAddress?: string | undefined }> | undefined;
  dnsName?: string | undefined;
  tags?: string[] | undefined;
}

export type PortUpdate = Omit<PortCreate, "networkId" | "projectId">;

/** Ports the caller owns, and every port on networks its project owns (the network owner's view). */
export function visiblePorts(ctx: AuthContext): Prisma.PortWhereInput {
  if (isNetworkAdmin(ctx)) return {};
  const project = scopedProjectId(ctx);
  if (project === null) return { id: { in: [] } };
  return { OR: [{ projectId: project }, { network: { projectId: project } }] };
}

/** Owners starting with `network:` belong to Neutron itself (DHCP, routers, floating IPs): trusted, no security groups. */
const isTrusted = (deviceOwner: string) => deviceOwner.startsWith("network:");

/** The filters the list narrows in its database query (Neutron's name → column), exactly as the rendered attribute compares. */
const PORT_COLUMNS = {
  id: "id",
  network_id: "networkId",
  device_id: "deviceId",
  device_owner: "deviceOwner",
  mac_address: "macAddress",
  name: "name",
} as const satisfies Record<string, keyof Prisma.PortWhereInput>;
const isPortColumn = (key: string): key is keyof typeof PORT_COLUMNS => Object.hasOwn(PORT_COLUMNS, key);

/** Ports: a network's attachment points, with addresses from IPAM, MAC, binding and security groups. */
export class PortService {
  constructor(
    private readonly deps: NetworkDeps,
    private readonly networks: NetworkService,
  ) {}

  async list(ctx: AuthContext, query: ListQuery): Promise<PortRecord[]> {
    const where: Prisma.PortWhereInput[] = [visiblePorts(ctx)];
    for (const [key, field] of Object.entries(PORT_COLUMNS)) {
      const values = pushDown(query, key);
      if (values) where.push({ [field]: { in: values } });
    }
    // A plain page (id order, forward, every filter a column above) is cut here, as upstream's
    // native pagination does in its query: a page of a 5,000-port network reads one page of rows.
    // The HTTP layer's paging then finds exactly the page (ids after the marker, `limit` of them).
    const plainPage =
      query.limit !== undefined &&
      query.sorts.length === 0 &&
      !query.pageReverse &&
      [...query.filters.keys()].every(isPortColumn);
    if (plainPage && query.marker !== undefined) where.push({ id: { gt: query.marker } });
    // The visible ids (cheap), then the rows in one JSON query: a project's ports at scale (see json-rows.ts).
    const ids = await this.deps.prisma.port.findMany({
      where: { AND: where },
      select: { id: true },
      orderBy: { id: "asc" },
      ...(plainPage ? { take: query.limit } : {}),
    });
    const list = ids.map((r) => r.id);
    return inOrder(list, await portRecords(this.deps.prisma, list));
  }

  async get(ctx: AuthContext, id: string): Promise<PortRecord> {
    const port = await this.deps.prisma.port.findFirst({
      where: { AND: [{ id }, visiblePorts(ctx)] },
      include: PORT_INCLUDE,
    });
    if (!port) throw portNotFound(id);
    return port;
  }

  async create(ctx: AuthContext, input: PortCreate): Promise<PortRecord> {
    const network = await this.networks.get(ctx, input.networkId);
    const projectId = owningProject(ctx, input.projectId);
    const target = { projectId, networkProjectId: network.projectId, shared: network.shared };
    authorizeNetwork(ctx, "create_port", target);
    const deviceOwner = input.deviceOwner ?? "";
    const guarded: Array<[NetworkAction, boolean]> = [
      ["create_port:device_owner", isTrusted(deviceOwner)],
      ["create_port:mac_address", input.macAddress !== undefined],
      ["create_port:fixed_ips:ip_address", (input.fixedIps ?? []).some((f) => f.ipAddress !== undefined)],
      ["create_port:binding:host_id", Boolean(input.bindingHost)],
      ["create_port:binding:profile", input.bindingProfile !== undefined],
    ];
    for (const [action, applies] of guarded) if (applies) authorizeNetwork(ctx, action, target);
    return this.write({ ...input, projectId }, network.portSecurityEnabled);
  }

  /**
   * Creates a port on behalf of the control plane itself (a router's
   * interface or gateway, a floating IP's holder, an instance's port at
   * boot): no caller policy, the owning project given.
   */
  async createForService(input: PortCreate & { projectId: string }): Promise<PortRecord> {
    const network = await this.deps.prisma.network.findUnique({ where: { id: input.networkId } });
    if (!network) throw networkNotFound(input.networkId);
    return this.write(input, network.portSecurityEnabled);
  }

  async update(ctx: AuthContext, id: string, input: PortUpdate): Promise<PortRecord> {
    const port = await this.get(ctx, id);
    const target = { projectId: port.projectId, networkProjectId: port.network.projectId };
    authorizeNetwork(ctx, "update_port", target);
    const guarded: Array<[NetworkAction, boolean]> = [
      [
        "update_port:device_owner",
        input.deviceOwner !== undefined && (isTrusted(input.deviceOwner) || isTrusted(port.deviceOwner)),
      ],
      ["update_port:mac_address", input.macAddress !== undefined],
      ["update_port:fixed_ips:ip_address", (input.fixedIps ?? []).some((f) => f.ipAddress !== undefined)],
      ["update_port:binding:host_id", input.bindingHost !== undefined],
      ["update_port:binding:profile", input.bindingProfile !== undefined],
    ];
    for (const [action, applies] of guarded) if (applies) authorizeNetwork(ctx, action, target);
    return this.change(port, input);
  }

  /** Deletes a port; ports a router or floating IP owns go through their owner (409 otherwise). */
  async delete(ctx: AuthContext, id: string): Promise<void> {
    const port = await this.get(ctx, id);
    authorizeNetwork(ctx, "delete_port", {
      projectId: port.projectId,
      networkProjectId: port.network.projectId,
    });
    if (SERVICE_PORT_OWNERS.includes(port.deviceOwner)) throw servicePortInUse(id, port.deviceOwner);
    await this.deps.prisma.port.deleteMany({ where: { id } });
  }

  /** Deletes a port for the control plane itself (router interfaces, floating IPs, an instance's ports). */
  async deleteForService(id: string): Promise<void> {
    await this.deps.prisma.port.deleteMany({ where: { id } });
  }

  private async write(
    input: PortCreate & { projectId: string },
    networkPortSecurity: boolean,
  ): Promise<PortRecord> {
    const deviceOwner = input.deviceOwner ?? "";
    const subnets = await this.deps.prisma.subnet.findMany({
      where: { networkId: input.networkId },
      orderBy: { createdAt: "asc" },
    });
    const addresses = addressRequests(input.networkId, subnets, input.fixedIps);
    const portSecurityEnabled = input.portSecurityEnabled ?? networkPortSecurity;
    const securityGroupIds = await this.securityGroupsFor(input, deviceOwner, portSecurityEnabled);
    const givenMac = input.macAddress === undefined ? undefined : normalizeMac(input.macAddress);
    const id = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.prisma.$transaction(async (tx) => {
          await this.deps.quotas.check(tx, input.projectId, "port");
          const macAddress = givenMac ?? (await freeMac(tx, input.networkId));
          await insertPort(
            tx,
            {
              id,
              networkId: input.networkId,
              projectId: input.projectId,
              name: input.name ?? "",
              description: input.description ?? "",
              adminStateUp: input.adminStateUp ?? true,
              macAddress,
              deviceId: input.deviceId ?? "",
              deviceOwner,
              bindingHost: input.bindingHost ?? "",
              vifType: input.bindingHost ? "bridge" : "unbound",
              vnicType: input.vnicType ?? "normal",
              bindingProfile: input.bindingProfile ?? {},
              portSecurityEnabled,
              allowedAddressPairs: addressPairs(
                input.allowedAddressPairs ?? [],
                macAddress,
                portSecurityEnabled,
              ),
              dnsName: input.dnsName ?? "",
              tags: input.tags ?? [],
            },
            addresses,
            securityGroupIds,
          );
        }, TX_OPTIONS);
        break;
      } catch (err) {
        if (!isUniqueViolation(err, "mac_address")) throw err;
        if (givenMac !== undefined) throw macAddressInUse(input.networkId, givenMac);
        if (attempt >= 4) throw err;
      }
    }
    const created = await this.deps.prisma.port.findUnique({ where: { id }, include: PORT_INCLUDE });
    if (!created) throw portNotFound(id);
    return created;
  }

  /**
   * The port's groups: none for Neutron's own ports or without port
   * security, the given ones (of the port's project), or its project's
   * `default` group.
   */
  private async securityGroupsFor(
    input: Pick<PortCreate, "securityGroups"> & { projectId: string },
    deviceOwner: string,
    portSecurityEnabled: boolean,
  ): Promise<string[]> {
    if (!portSecurityEnabled) {
      if ((input.securityGroups ?? []).length > 0) throw portSecurityAndIpRequired();
      return [];
    }
    if (input.securityGroups === undefined) {
      return isTrusted(deviceOwner)
        ? []
        : [await ensureDefaultSecurityGroup(this.deps.prisma, input.projectId)];
    }
    const wanted = [...new Set(input.securityGroups)];
    const found = await this.deps.prisma.securityGroup.findMany({
      where: { id: { in: wanted }, projectId: input.projectId },
      select: { id: true },
    });
    const missing = wanted.find((id) => !found.some((g) => g.id === id));
    if (missing !== undefined) throw securityGroupNotFound(missing);
    return wanted;
  }

  private async change(port: PortRecord, input: PortUpdate): Promise<PortRecord> {
    const portSecurityEnabled = input.portSecurityEnabled ?? port.portSecurityEnabled;
    const macAddress = input.macAddress === undefined ? port.macAddress : normalizeMac(input.macAddress);
    if (macAddress !== port.macAddress && port.bindingHost !== "") {
      throw conflict(
        "PortBound",
        `Unable to complete operation on port ${port.id}, port is already bound, port type: ${port.vifType}, old_mac ${port.macAddress}, new_mac ${macAddress}.`,
      );
    }
    let securityGroupIds: string[] | undefined;
    if (input.securityGroups !== undefined) {
      if (!portSecurityEnabled && input.securityGroups.length > 0) throw portSecurityAndIpRequired();
      securityGroupIds = await this.securityGroupsFor(
        { securityGroups: input.securityGroups, projectId: port.projectId },
        port.deviceOwner,
        portSecurityEnabled,
      );
    } else if (!portSecurityEnabled && port.securityGroups.length > 0) {
      throw portSecurityPortHasSecurityGroup();
    }
    const pairs =
      input.allowedAddressPairs !== undefined
        ? addressPairs(input.allowedAddressPairs, macAddress, portSecurityEnabled)
        : readPairs(port.allowedAddressPairs);
    if (!portSecurityEnabled && pairs.length > 0) throw addressPairAndPortSecurityRequired();
    const wiring =
      input.fixedIps !== undefined ||
      securityGroupIds !== undefined ||
      input.portSecurityEnabled !== undefined ||
      input.allowedAddressPairs !== undefined ||
      input.adminStateUp !== undefined ||
      input.bindingHost !== undefined ||
      macAddress !== port.macAddress;
    try {
      await this.deps.prisma.$transaction(async (tx) => {
        if (input.fixedIps !== undefined)
          await this.readdress(tx, port, input.fixedIps, input.deviceOwner ?? port.deviceOwner);
        if (securityGroupIds !== undefined) {
          await tx.portSecurityGroup.deleteMany({ where: { portId: port.id } });
          await tx.portSecurityGroup.createMany({
            data: securityGroupIds.map((securityGroupId) => ({ portId: port.id, securityGroupId })),
          });
        }
        await tx.port.update({
          where: { id: port.id },
          data: {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.adminStateUp !== undefined ? { adminStateUp: input.adminStateUp } : {}),
            ...(input.deviceId !== undefined ? { deviceId: input.deviceId } : {}),
            ...(input.deviceOwner !== undefined ? { deviceOwner: input.deviceOwner } : {}),
            ...(input.bindingHost !== undefined
              ? { bindingHost: input.bindingHost, vifType: input.bindingHost ? "bridge" : "unbound" }
              : {}),
            ...(input.bindingProfile !== undefined ? { bindingProfile: input.bindingProfile } : {}),
            ...(input.vnicType !== undefined ? { vnicType: input.vnicType } : {}),
            ...(input.dnsName !== undefined ? { dnsName: input.dnsName } : {}),
            ...(input.tags !== undefined ? { tags: input.tags } : {}),
            portSecurityEnabled,
            macAddress,
            allowedAddressPairs: pairs,
            ...(wiring ? { generation: { increment: 1 } } : {}),
            revisionNumber: { increment: 1 },
          },
        });
      }, TX_OPTIONS);
    } catch (err) {
      if (isUniqueViolation(err, "mac_address")) throw macAddressInUse(port.networkId, macAddress);
      throw err;
    }
    const updated = await this.deps.prisma.port.findUnique({ where: { id: port.id }, include: PORT_INCLUDE });
    if (!updated) throw portNotFound(port.id);
    return updated;
  }

  /**
   * New fixed IPs: addresses the port holds and still asks for are kept
   * (by address, or by subnet for a subnet-only entry), the rest released,
   * new ones allocated.
   */
  private async readdress(
    tx: Tx,
    port: PortRecord,
    fixedIps: FixedIpRequest[],
    deviceOwner: string,
  ): Promise<void> {
    await holdNetwork(tx, port.networkId);
    const subnets = await tx.subnet.findMany({
      where: { networkId: port.networkId },
      orderBy: { createdAt: "asc" },
    });
    const requests = addressRequests(port.networkId, subnets, fixedIps);
    const held = [...port.fixedIps];
    const keep = new Set<string>();
    const fresh = requests.filter((request) => {
      if (request.subnet === undefined) return true;
      const wanted = request.ipAddress === undefined ? undefined : parseIp(request.ipAddress).text;
      const match = held.find(
        (h) =>
          !keep.has(`${h.subnetId} ${h.ipAddress}`) &&
          h.subnetId === request.subnet.id &&
          (wanted === undefined || h.ipAddress === wanted),
      );
      if (!match) return true;
      keep.add(`${match.subnetId} ${match.ipAddress}`);
      return false;
    });
    const release = held.filter((h) => !keep.has(`${h.subnetId} ${h.ipAddress}`));
    for (const h of release) {
      await tx.ipAllocation.deleteMany({
        where: { portId: port.id, subnetId: h.subnetId, ipAddress: h.ipAddress },
      });
    }
    await allocateAddresses(tx, port, deviceOwner, fresh);
  }
}
