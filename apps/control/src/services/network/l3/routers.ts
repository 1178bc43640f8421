import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";
import type { Router } from "@zenith/db/generated";
import { z } from "zod";
import type { NetworkDeps } from "../deps.ts";
import { type NetworkCaller, ownedBy } from "./caller.ts";
import { normalizeCidr } from "./cidr.ts";
import { createDevicePort, type PortWithIps } from "./device-ports.ts";
import { badRequest, conflict, notFound } from "./faults.ts";
import { type StaticRoute, validateRoutes } from "./routes.ts";
import { scheduleRouter } from "./scheduler.ts";

type Tx = Prisma.TransactionClient;

const ZRoutes = z.array(z.object({ destination: z.string(), nexthop: z.string() }));

export const ROUTER_GATEWAY = "network:router_gateway";
export const ROUTER_INTERFACE = "network:router_interface";

export type RouterView = Router & { gatewayPort: PortWithIps | null };

export interface GatewayInput {
  networkId: string;
  enableSnat?: boolean | undefined;
  externalFixedIps?: Array<{ subnetId?: string | undefined; ipAddress?: string | undefined }> | undefined;
}

export interface RouterCreate {
  projectId: string;
  name: string;
  description: string;
  adminStateUp: boolean;
  gateway?: GatewayInput | null | undefined;
}

export interface RouterUpdate {
  name?: string | undefined;
  description?: string | undefined;
  adminStateUp?: boolean | undefined;
  /** null clears the gateway. */
  gateway?: GatewayInput | null | undefined;
  routes?: Array<{ destination: string; nexthop: string }> | undefined;
}

export const routerNotFound = (id: string) => notFound("RouterNotFound", `Router ${id} could not be found`);

/** Routers: CRUD, the external gateway (a network:router_gateway port) and static routes. */
export class RouterService {
  private readonly prisma: NetworkDeps["prisma"];

  constructor(private readonly deps: NetworkDeps) {
    this.prisma = deps.prisma;
  }

  async list(caller: NetworkCaller): Promise<RouterView[]> {
    const rows = await this.prisma.router.findMany({
      where: ownedBy(caller),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const gateways = await this.prisma.port.findMany({
      where: { deviceOwner: ROUTER_GATEWAY, deviceId: { in: rows.map((r) => r.id) } },
      include: { fixedIps: true },
    });
    return rows.map((r) => ({ ...r, gatewayPort: gateways.find((p) => p.deviceId === r.id) ?? null }));
  }

  async get(
    caller: NetworkCaller,
    id: string,
    db: NetworkDeps["prisma"] | Tx = this.prisma,
  ): Promise<RouterView> {
    const row = await db.router.findFirst({ where: { id, ...ownedBy(caller) } });
    if (!row) throw routerNotFound(id);
    const gatewayPort = await db.port.findFirst({
      where: { deviceOwner: ROUTER_GATEWAY, deviceId: id },
      include: { fixedIps: true },
    });
    return { ...row, gatewayPort };
  }

  async create(caller: NetworkCaller, input: RouterCreate): Promise<RouterView> {
    const id = randomUUID();
    await this.prisma.$transaction(
      async (tx) => {
        await this.deps.quotas.check(tx, input.projectId, "router");
        await tx.router.create({
          data: {
            id,
            projectId: input.projectId,
            name: input.name,
            description: input.description,
            adminStateUp: input.adminStateUp,
          },
        });
        if (input.gateway) await this.setGateway(tx, caller, id, input.gateway);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    await scheduleRouter(this.prisma, id);
    return this.get({ ...caller, admin: true }, id);
  }

  async update(caller: NetworkCaller, id: string, patch: RouterUpdate): Promise<RouterView> {
    await this.get(caller, id);
    await this.prisma.$transaction(
      async (tx) => {
        await lockRouter(tx, id);
        if (patch.gateway !== undefined) {
          if (patch.gateway === null) await this.clearGateway(tx, id);
          else await this.setGateway(tx, caller, id, patch.gateway);
        }
        if (patch.routes !== undefined) await validateRoutes(tx, id, patch.routes);
        await tx.router.update({
          where: { id },
          data: {
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.description === undefined ? {} : { description: patch.description }),
            ...(patch.adminStateUp === undefined ? {} : { adminStateUp: patch.adminStateUp }),
            ...(patch.routes === undefined ? {} : { routes: patch.routes }),
            generation: { increment: 1 },
            revisionNumber: { increment: 1 },
          },
        });
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (patch.gateway !== undefined) await scheduleRouter(this.prisma, id);
    return this.get(caller, id);
  }

  /** extraroute-atomic: adds routes not there yet, or removes the given ones, under the router's lock. */
  async changeRoutes(
    caller: NetworkCaller,
    id: string,
    verb: "add" | "remove",
    routes: StaticRoute[],
  ): Promise<RouterView> {
    await this.get(caller, id);
    await this.prisma.$transaction(async (tx) => {
      await lockRouter(tx, id);
      const router = await tx.router.findUniqueOrThrow({ where: { id } });
      const current = ZRoutes.parse(router.routes);
      const given = routes.map((r) => ({
        destination: normalizeCidr(r.destination) ?? r.destination,
        nexthop: r.nexthop,
      }));
      const same = (a: StaticRoute, b: StaticRoute) =>
        a.destination === b.destination && a.nexthop === b.nexthop;
      const next =
        verb === "add"
          ? [
              ...current,
              ...given.filter(
                (r, i) => !current.some((c) => same(c, r)) && given.findIndex((g) => same(g, r)) === i,
              ),
            ]
          : current.filter((c) => !given.some((r) => same(c, r)));
      await validateRoutes(tx, id, next);
      await tx.router.update({
        where: { id },
        data: { routes: next, generation: { increment: 1 }, revisionNumber: { increment: 1 } },
      });
    });
    return this.get(caller, id);
  }

  /** Refused while interfaces remain (409 RouterInUse); the gateway port goes with the router. */
  async delete(caller: NetworkCaller, id: string): Promise<void> {
    await this.get(caller, id);
    await this.prisma.$transaction(async (tx) => {
      await lockRouter(tx, id);
      const interfaces = await tx.port.count({ where: { deviceOwner: ROUTER_INTERFACE, deviceId: id } });
      if (interfaces > 0) throw conflict("RouterInUse", `Router ${id} still has ports`);
      await this.clearGateway(tx, id);
      await tx.router.delete({ where: { id } });
    });
  }

  /** Sets or changes the external gateway (upstream's _update_router_gw_info). */
  private async setGateway(tx: Tx, caller: NetworkCaller, routerId: string, gw: GatewayInput): Promise<void> {
    const network = await tx.network.findUnique({ where: { id: gw.networkId } });
    const visible =
      network &&
      (network.external || network.shared || caller.admin || network.projectId === caller.projectId);
    if (!network || !visible)
      throw notFound("NetworkNotFound", `Network ${gw.networkId} could not be found.`);
    if (!network.external)
      throw badRequest("router", `Network ${gw.networkId} is not a valid external network`);
    const router = await tx.router.findUniqueOrThrow({ where: { id: routerId } });
    const current = await tx.port.findFirst({
      where: { deviceOwner: ROUTER_GATEWAY, deviceId: routerId },
      include: { fixedIps: true },
    });
    const sameNetwork = current !== null && current.networkId === gw.networkId;
    if (!sameNetwork || gw.externalFixedIps !== undefined) {
      if (current) await this.clearGateway(tx, routerId, gw.networkId);
      await createDevicePort(tx, {
        networkId: gw.networkId,
        projectId: "",
        deviceOwner: ROUTER_GATEWAY,
        deviceId: routerId,
        fixedIps: gw.externalFixedIps ?? [],
      });
    }
    await tx.router.update({
      where: { id: routerId },
      data: {
        gatewayNetworkId: gw.networkId,
        enableSnat: gw.enableSnat ?? (sameNetwork ? router.enableSnat : true),
        generation: { increment: 1 },
      },
    });
  }

  /**
   * Removes the gateway port. Floating IPs served through the router need
   * its gateway (409 RouterExternalGatewayInUseByFloatingIp), unless the
   * gateway only moves to a new address on the same network.
   */
  private async clearGateway(tx: Tx, routerId: string, keepNetworkId?: string): Promise<void> {
    const router = await tx.router.findUniqueOrThrow({ where: { id: routerId } });
    if (router.gatewayNetworkId && router.gatewayNetworkId !== keepNetworkId) {
      const fips = await tx.floatingIp.count({ where: { routerId, portId: { not: null } } });
      if (fips > 0) {
        throw conflict(
          "RouterExternalGatewayInUseByFloatingIp",
          `Gateway cannot be updated for router ${routerId}, since a gateway to external network ${router.gatewayNetworkId} is required by one or more floating IPs.`,
        );
      }
    }
    await tx.port.deleteMany({ where: { deviceOwner: ROUTER_GATEWAY, deviceId: routerId } });
    await tx.router.update({
      where: { id: routerId },
      data: { gatewayNetworkId: null, generation: { increment: 1 } },
    });
  }
}

/** Serializes changes to one router (gateway, interfaces, routes). */
export async function lockRouter(tx: Tx, routerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`router:${routerId}`}))`;
}
