import { randomUUID } from "node:crypto";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { Network, Subnet } from "@zenith/db/generated";
import type { NetworkCaller } from "./caller.ts";
import { addressAt, normalizeCidr, rangeOf } from "./cidr.ts";
import { RouterInterfaceService } from "./router-interfaces.ts";
import { RouterService } from "./routers.ts";

export const DEFAULT_PUBLIC_CIDR = "172.24.4.0/24";
const PRIVATE_CIDR = "10.0.0.0/26";

export interface NetworkingBootstrap {
  adminProjectId: string;
  demoProjectId: string;
  /** The external network's subnet (ZENITH_PUBLIC_CIDR). */
  publicCidr: string;
}

/** What this start created (names), for the log and tests. */
export type CreatedNames = string[];

const ADMIN: NetworkCaller = { projectId: null, admin: true };

/** Gateway = first host address, pool = the rest but the last (DevStack's layout for 172.24.4.0/24). */
export function subnetLayout(cidr: string): {
  cidr: string;
  gatewayIp: string;
  pool: { start: string; end: string };
} {
  const normal = normalizeCidr(cidr);
  const range = rangeOf(cidr);
  if (!normal || !range || range.version !== 4 || range.last - range.first < 4n) {
    throw new Error(`not an IPv4 CIDR with room for a gateway and addresses: ${cidr}`);
  }
  return {
    cidr: normal,
    gatewayIp: addressAt(4, range.first + 1n),
    pool: { start: addressAt(4, range.first + 2n), end: addressAt(4, range.last - 1n) },
  };
}

/**
 * DevStack's first-start networking: `public` (flat, physical network
 * `public`, router:external, the admin project's) with `public-subnet`,
 * and for `demo` a `private` VXLAN network with `private-subnet` and
 * `router1` joining it to `public`. Anything that exists by name is left
 * alone, so every later start is a no-op.
 */
export async function bootstrapNetworking(
  prisma: PrismaClient,
  opts: NetworkingBootstrap,
  log: Logger,
): Promise<CreatedNames> {
  const created: CreatedNames = [];
  const publicNet = await ensureNetwork(prisma, created, {
    projectId: opts.adminProjectId,
    name: "public",
    external: true,
    networkType: "flat",
    physicalNetwork: "public",
    mtu: 1500,
  });
  const publicSubnet = await ensureSubnet(
    prisma,
    created,
    publicNet,
    "public-subnet",
    opts.publicCidr,
    false,
  );
  const privateNet = await ensureNetwork(prisma, created, {
    projectId: opts.demoProjectId,
    name: "private",
    external: false,
    networkType: "vxlan",
    physicalNetwork: null,
    mtu: 1450,
  });
  const privateSubnet = await ensureSubnet(prisma, created, privateNet, "private-subnet", PRIVATE_CIDR, true);
  const existing = await prisma.router.findFirst({
    where: { projectId: opts.demoProjectId, name: "router1" },
  });
  if (!existing) {
    const routers = new RouterService(prisma);
    const router = await routers.create(ADMIN, {
      projectId: opts.demoProjectId,
      name: "router1",
      description: "",
      adminStateUp: true,
      gateway: { networkId: publicNet.id },
    });
    await new RouterInterfaceService(prisma, routers).add(ADMIN, router.id, { subnetId: privateSubnet.id });
    created.push("router1");
  }
  if (created.length > 0) {
    log.info({ created, publicSubnet: publicSubnet.cidr }, "bootstrap created the default networking");
  }
  return created;
}

async function ensureNetwork(
  prisma: PrismaClient,
  created: CreatedNames,
  spec: Pick<Network, "projectId" | "name" | "external" | "networkType" | "physicalNetwork" | "mtu">,
): Promise<Network> {
  const found = await prisma.network.findFirst({ where: { projectId: spec.projectId, name: spec.name } });
  if (found) return found;
  const segmentationId = spec.networkType === "vxlan" ? await freeVni(prisma) : null;
  created.push(spec.name);
  return prisma.network.create({ data: { id: randomUUID(), ...spec, segmentationId } });
}

/** The lowest VNI no network holds. */
async function freeVni(prisma: PrismaClient): Promise<number> {
  const used = new Set(
    (
      await prisma.network.findMany({ where: { networkType: "vxlan" }, select: { segmentationId: true } })
    ).map((n) => n.segmentationId),
  );
  let vni = 1;
  while (used.has(vni)) vni++;
  return vni;
}

async function ensureSubnet(
  prisma: PrismaClient,
  created: CreatedNames,
  network: Network,
  name: string,
  cidr: string,
  enableDhcp: boolean,
): Promise<Subnet> {
  const found = await prisma.subnet.findFirst({ where: { networkId: network.id, name } });
  if (found) return found;
  const layout = subnetLayout(cidr);
  created.push(name);
  return prisma.subnet.create({
    data: {
      id: randomUUID(),
      networkId: network.id,
      projectId: network.projectId,
      name,
      ipVersion: 4,
      cidr: layout.cidr,
      gatewayIp: layout.gatewayIp,
      enableDhcp,
      allocationPools: [layout.pool],
    },
  });
}
