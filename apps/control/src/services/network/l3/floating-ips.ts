import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import type { FloatingIp, Port } from "@zenith/db/generated";
import type { NetworkDeps } from "../deps.ts";
import { type NetworkCaller, ownedBy } from "./caller.ts";
import { rangeOf } from "./cidr.ts";
import { createDevicePort } from "./device-ports.ts";
import { badRequest, conflict, notFound } from "./faults.ts";
import { ROUTER_INTERFACE } from "./routers.ts";

type Tx = Prisma.TransactionClient;

export const FLOATINGIP_OWNER = "network:floatingip";

export type FloatingIpView = FloatingIp & { port: Port | null };

export interface FloatingIpCreate {
  projectId: string;
  floatingNetworkId: string;
  floatingIpAddress?: string | undefined;
  subnetId?: string | undefined;
  portId?: string | null | undefined;
  fixedIpAddress?: string | undefined;
  description: string;
}

export interface FloatingIpUpdate {
  /** null disassociates. */
  portId?: string | null | undefined;
  fixedIpAddress?: string | undefined;
  description?: string | undefined;
}

interface Association {
  portId: string;
  fixedIpAddress: string;
  routerId: string;
}

export const floatingIpNotFound = (id: string) =>
  notFound("FloatingIPNotFound", `Floating IP ${id} could not be found`);
const portNotFound = (id: string) => notFound("PortNotFound", `Port ${id} could not be found.`);

/** Floating IPs: an address on an external network (held by a network:floatingip port), NATed to a port. */
export class FloatingIpService {
  private readonly prisma: NetworkDeps["prisma"];

  constructor(private readonly deps: NetworkDeps) {
    this.prisma = deps.prisma;
  }

  async list(caller: NetworkCaller): Promise<FloatingIpView[]> {
    return this.prisma.floatingIp.findMany({
      where: ownedBy(caller),
      include: { port: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  async get(caller: NetworkCaller, id: string): Promise<FloatingIpView> {
    const row = await this.prisma.floatingIp.findFirst({
      where: { id, ...ownedBy(caller) },
      include: { port: true },
    });
    if (!row) throw floatingIpNotFound(id);
    return row;
  }

  async create(caller: NetworkCaller, input: FloatingIpCreate): Promise<FloatingIpView> {
    const network = await this.prisma.network.findUnique({ where: { id: input.floatingNetworkId } });
    const visible =
      network &&
      (network.external || network.shared || caller.admin || network.projectId === caller.projectId);
    if (!network || !visible) {
      throw notFound("NetworkNotFound", `Network ${input.floatingNetworkId} could not be found.`);
    }
    if (!network.external) {
      throw badRequest("floatingip", `Network ${input.floatingNetworkId} is not a valid external network`);
    }
    const id = randomUUID();
    await this.prisma.$transaction(
      async (tx) => {
        await this.deps.quotas.check(tx, input.projectId, "floatingip");
        const holder = await createDevicePort(tx, {
          networkId: network.id,
          projectId: "",
          deviceOwner: FLOATINGIP_OWNER,
          deviceId: id,
          fixedIps: [
            {
              subnetId: input.subnetId,
              ipAddress: input.floatingIpAddress,
            },
          ],
        });
        const address =
          holder.fixedIps.find((a) => rangeOf(a.ipAddress)?.version === 4) ?? holder.fixedIps[0];
        if (!address) throw badRequest("floatingip", `Network ${network.id} has no subnet to allocate from`);
        const assoc =
          input.portId == null
            ? null
            : await this.association(
                tx,
                caller,
                input.projectId,
                network.id,
                input.portId,
                input.fixedIpAddress,
              );
        await tx.floatingIp.create({
          data: {
            id,
            projectId: input.projectId,
            floatingNetworkId: network.id,
            floatingIpAddress: address.ipAddress,
            floatingPortId: holder.id,
            description: input.description,
            ...(assoc ?? {}),
          },
        });
        if (assoc) await bumpRouter(tx, assoc.routerId);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    return this.get({ ...caller, admin: true }, id);
  }

  async update(caller: NetworkCaller, id: string, patch: FloatingIpUpdate): Promise<FloatingIpView> {
    const fip = await this.get(caller, id);
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`floatingip:${id}`}))`;
        let assoc: Association | null | undefined;
        if (patch.portId === null) assoc = null;
        else if (patch.portId !== undefined) {
          assoc = await this.association(
            tx,
            caller,
            fip.projectId,
            fip.floatingNetworkId,
            patch.portId,
            patch.fixedIpAddress,
            id,
          );
        }
        await tx.floatingIp.update({
          where: { id },
          data: {
            ...(patch.description === undefined ? {} : { description: patch.description }),
            ...(assoc === undefined
              ? {}
              : assoc === null
                ? { portId: null, fixedIpAddress: null, routerId: null, status: "DOWN" }
                : { ...assoc, status: "DOWN" }),
            revisionNumber: { increment: 1 },
          },
        });
        if (assoc !== undefined && fip.routerId) await bumpRouter(tx, fip.routerId);
        if (assoc) await bumpRouter(tx, assoc.routerId);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    return this.get(caller, id);
  }

  /** Deleting the holder port deletes the floating IP with it (cascade). */
  async delete(caller: NetworkCaller, id: string): Promise<void> {
    const fip = await this.get(caller, id);
    await this.prisma.$transaction(async (tx) => {
      await tx.port.delete({ where: { id: fip.floatingPortId } });
      if (fip.routerId) await bumpRouter(tx, fip.routerId);
    });
  }

  /**
   * Upstream's _get_assoc_data: the port must be the floating IP owner's
   * (another project's port is "not found"), the fixed address one of its
   * IPv4 addresses, not already behind another floating IP of that
   * network, and a router must join its subnet to the external network.
   */
  private async association(
    tx: Tx,
    caller: NetworkCaller,
    ownerProjectId: string,
    externalNetworkId: string,
    portId: string,
    fixedIpAddress: string | undefined,
    fipId?: string,
  ): Promise<Association> {
    const port = await tx.port.findUnique({ where: { id: portId }, include: { fixedIps: true } });
    if (!port || !(caller.admin || port.projectId === ownerProjectId)) throw portNotFound(portId);
    const v4 = port.fixedIps.filter((a) => rangeOf(a.ipAddress)?.version === 4);
    let fixed = v4[0];
    if (fixedIpAddress !== undefined) {
      fixed = port.fixedIps.find((a) => a.ipAddress === fixedIpAddress);
      if (!fixed) throw badRequest("floatingip", `Port ${portId} does not have fixed ip ${fixedIpAddress}`);
    } else if (v4.length > 1) {
      throw badRequest(
        "floatingip",
        `Port ${portId} has multiple fixed IPv4 addresses.  Must provide a specific IPv4 address when assigning a floating IP`,
      );
    }
    if (!fixed) {
      throw badRequest(
        "floatingip",
        `Cannot add floating IP to port ${portId} that has no fixed IPv4 addresses`,
      );
    }
    const taken = await tx.floatingIp.findFirst({
      where: {
        portId,
        fixedIpAddress: fixed.ipAddress,
        floatingNetworkId: externalNetworkId,
        ...(fipId ? { id: { not: fipId } } : {}),
      },
    });
    if (taken) {
      throw conflict(
        "FloatingIPPortAlreadyAssociated",
        `Cannot associate floating IP ${taken.floatingIpAddress} (${taken.id}) with port ${portId} using fixed IP ${fixed.ipAddress}, as that fixed IP already has a floating IP on external network ${externalNetworkId}.`,
      );
    }
    const subnetId = fixed.subnetId;
    const router = await tx.router.findFirst({
      where: {
        gatewayNetworkId: externalNetworkId,
        id: {
          in: (
            await tx.port.findMany({
              where: { deviceOwner: ROUTER_INTERFACE, fixedIps: { some: { subnetId } } },
              select: { deviceId: true },
            })
          ).map((p) => p.deviceId),
        },
      },
      orderBy: { createdAt: "asc" },
    });
    if (!router) {
      throw notFound(
        "ExternalGatewayForFloatingIPNotFound",
        `External network ${externalNetworkId} is not reachable from subnet ${subnetId}.  Therefore, cannot associate Port ${portId} with a Floating IP.`,
      );
    }
    return { portId, fixedIpAddress: fixed.ipAddress, routerId: router.id };
  }
}

/** The router's agent must re-apply its NAT rules. */
async function bumpRouter(tx: Tx, routerId: string): Promise<void> {
  await tx.router.updateMany({ where: { id: routerId }, data: { generation: { increment: 1 } } });
}
