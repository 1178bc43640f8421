import type { Prisma } from "@zenith/db/client";
import type { Subnet } from "@zenith/db/generated";
import { z } from "zod";
import type { NetworkDeps } from "../deps.ts";
import type { NetworkCaller } from "./caller.ts";
import { cidrsOverlap } from "./cidr.ts";
import { createDevicePort, inSubnet } from "./device-ports.ts";
import { badRequest, conflict, notFound } from "./faults.ts";
import { lockRouter, ROUTER_INTERFACE, type RouterService } from "./routers.ts";

type Tx = Prisma.TransactionClient;

/** What add/remove_router_interface answer. */
export interface InterfaceInfo {
  routerId: string;
  projectId: string;
  networkId: string;
  portId: string;
  subnetIds: string[];
}

export interface InterfaceRequest {
  subnetId?: string | undefined;
  portId?: string | undefined;
}

const ZRoutes = z.array(z.object({ destination: z.string(), nexthop: z.string() }));

function overlaps(a: Subnet, b: Subnet): boolean {
  return cidrsOverlap(a.cidr, b.cidr);
}

const subnetNotFound = (id: string) => notFound("SubnetNotFound", `Subnet ${id} could not be found.`);
const portNotFound = (id: string) => notFound("PortNotFound", `Port ${id} could not be found.`);

/** add_router_interface / remove_router_interface, by subnet or by port, with upstream's checks. */
export class RouterInterfaceService {
  constructor(
    private readonly prisma: NetworkDeps["prisma"],
    private readonly routers: RouterService,
  ) {}

  async add(caller: NetworkCaller, routerId: string, req: InterfaceRequest): Promise<InterfaceInfo> {
    const router = await this.routers.get(caller, routerId);
    requireOne(req);
    return this.prisma.$transaction(
      async (tx) => {
        await lockRouter(tx, routerId);
        const attached = await this.attachedSubnets(tx, routerId);
        let portId: string;
        let subnets: Subnet[];
        if (req.subnetId !== undefined) {
          const subnet = await this.visibleSubnet(tx, caller, req.subnetId);
          if (!subnet.gatewayIp)
            throw badRequest("router", "Subnet for router interface must have a gateway IP");
          checkNoClash(attached, [subnet]);
          const port = await createDevicePort(tx, {
            networkId: subnet.networkId,
            projectId: router.projectId,
            deviceOwner: ROUTER_INTERFACE,
            deviceId: routerId,
            fixedIps: [{ subnetId: subnet.id, ipAddress: subnet.gatewayIp }],
          });
          portId = port.id;
          subnets = [subnet];
        } else {
          const id = req.portId ?? "";
          const port = await tx.port.findUnique({
            where: { id },
            include: { fixedIps: { include: { subnet: true } } },
          });
          if (!port || !(caller.admin || port.projectId === caller.projectId)) throw portNotFound(id);
          if (port.deviceId !== "") {
            throw conflict(
              "PortInUse",
              `Unable to complete operation on port ${id} for network ${port.networkId}. Port already has an attached device ${port.deviceId}.`,
            );
          }
          if (port.fixedIps.length === 0)
            throw badRequest("router", `Router port must have at least one fixed IP`);
          subnets = port.fixedIps.map((a) => a.subnet);
          if (subnets.filter((s) => s.ipVersion === 4).length > 1) {
            throw badRequest("router", "Cannot have multiple IPv4 subnets on router port");
          }
          checkNoClash(attached, subnets);
          await tx.port.update({
            where: { id },
            data: {
              deviceId: routerId,
              deviceOwner: ROUTER_INTERFACE,
              generation: { increment: 1 },
              revisionNumber: { increment: 1 },
            },
          });
          portId = id;
          subnets = port.fixedIps.map((a) => a.subnet);
        }
        await tx.router.update({ where: { id: routerId }, data: { generation: { increment: 1 } } });
        const first = subnets[0];
        return {
          routerId,
          projectId: router.projectId,
          networkId: first?.networkId ?? "",
          portId,
          subnetIds: subnets.map((s) => s.id),
        };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  }

  async remove(caller: NetworkCaller, routerId: string, req: InterfaceRequest): Promise<InterfaceInfo> {
    const router = await this.routers.get(caller, routerId);
    requireOne(req);
    return this.prisma.$transaction(async (tx) => {
      await lockRouter(tx, routerId);
      const interfaces = await tx.port.findMany({
        where: { deviceOwner: ROUTER_INTERFACE, deviceId: routerId },
        include: { fixedIps: { include: { subnet: true } } },
      });
      const port =
        req.portId !== undefined
          ? interfaces.find((p) => p.id === req.portId)
          : interfaces.find((p) => p.fixedIps.some((a) => a.subnetId === req.subnetId));
      if (!port) {
        throw req.portId !== undefined
          ? notFound(
              "RouterInterfaceNotFound",
              `Router ${routerId} does not have an interface with id ${req.portId}`,
            )
          : notFound(
              "RouterInterfaceNotFoundForSubnet",
              `Router ${routerId} has no interface on subnet ${req.subnetId}`,
            );
      }
      if (
        req.portId !== undefined &&
        req.subnetId !== undefined &&
        !port.fixedIps.some((a) => a.subnetId === req.subnetId)
      ) {
        throw conflict(
          "SubnetMismatchForPort",
          `Subnet ${req.subnetId} does not match the subnet of port ${req.portId}`,
        );
      }
      const subnets = port.fixedIps.map((a) => a.subnet);
      for (const subnet of subnets) await this.confirmNotInUse(tx, routerId, subnet);
      await tx.port.delete({ where: { id: port.id } });
      await tx.router.update({ where: { id: routerId }, data: { generation: { increment: 1 } } });
      return {
        routerId,
        projectId: router.projectId,
        networkId: port.networkId,
        portId: port.id,
        subnetIds: subnets.map((s) => s.id),
      };
    });
  }

  /** Upstream's _confirm_router_interface_not_in_use: no route via it, no floating IP through it. */
  private async confirmNotInUse(tx: Tx, routerId: string, subnet: Subnet): Promise<void> {
    const router = await tx.router.findUniqueOrThrow({ where: { id: routerId } });
    if (ZRoutes.parse(router.routes).some((r) => inSubnet(subnet, r.nexthop))) {
      throw conflict(
        "RouterInterfaceInUseByRoute",
        `Router interface for subnet ${subnet.id} on router ${routerId} cannot be deleted, as it is required by one or more routes.`,
      );
    }
    const fips = await tx.floatingIp.findMany({
      where: { routerId, portId: { not: null } },
      select: { fixedIpAddress: true },
    });
    if (fips.some((f) => f.fixedIpAddress !== null && inSubnet(subnet, f.fixedIpAddress))) {
      throw conflict(
        "RouterInterfaceInUseByFloatingIP",
        `Router interface for subnet ${subnet.id} on router ${routerId} cannot be deleted, as it is required by one or more floating IPs.`,
      );
    }
  }

  private async attachedSubnets(tx: Tx, routerId: string): Promise<Subnet[]> {
    const allocations = await tx.ipAllocation.findMany({
      where: { port: { deviceOwner: ROUTER_INTERFACE, deviceId: routerId } },
      include: { subnet: true },
    });
    return allocations.map((a) => a.subnet);
  }

  /** The caller's own subnets, or those of shared networks (an admin reaches all). */
  private async visibleSubnet(tx: Tx, caller: NetworkCaller, id: string): Promise<Subnet> {
    const subnet = await tx.subnet.findUnique({ where: { id }, include: { network: true } });
    if (!subnet) throw subnetNotFound(id);
    const { network, ...row } = subnet;
    if (!(caller.admin || row.projectId === caller.projectId || network.shared)) throw subnetNotFound(id);
    return row;
  }
}

function requireOne(req: InterfaceRequest): void {
  if (req.subnetId === undefined && req.portId === undefined) {
    throw badRequest("router", "Either subnet_id or port_id must be specified");
  }
}

/** A subnet already on the router, or one overlapping a subnet on it, is refused (400). */
function checkNoClash(attached: Subnet[], adding: Subnet[]): void {
  for (const subnet of adding) {
    if (attached.some((a) => a.id === subnet.id)) {
      throw badRequest("router", `Router already has a port on subnet ${subnet.id}`);
    }
    const clash = attached.find((a) => overlaps(a, subnet));
    if (clash) {
      throw badRequest(
        "router",
        `Cidr ${subnet.cidr} of subnet ${subnet.id} overlaps with cidr ${clash.cidr} of subnet ${clash.id}`,
      );
    }
  }
}
