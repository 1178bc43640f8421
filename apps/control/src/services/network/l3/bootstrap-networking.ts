import type { Logger } from "@zenith/core/logger";
import type { Network, Subnet } from "@zenith/db/generated";
import type { AuthContext } from "../../identity/auth-context.ts";
import type { NetworkCreate } from "../networks.ts";
import type { NetworkServices } from "../registry.ts";
import type { NetworkCaller } from "./caller.ts";
import { addressAt, normalizeCidr, rangeOf } from "./cidr.ts";

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
  network: NetworkServices,
  opts: NetworkingBootstrap,
  log: Logger,
): Promise<CreatedNames> {
  const prisma = network.deps.prisma;
  const created: CreatedNames = [];
  const publicNet = await ensureNetwork(network, created, {
    projectId: opts.adminProjectId,
    name: "public",
    external: true,
    networkType: "flat",
    physicalNetwork: "public",
    mtu: 1500,
  });
  const publicSubnet = await ensureSubnet(
    network,
    created,
    publicNet,
    "public-subnet",
    opts.publicCidr,
    false,
  );
  const privateNet = await ensureNetwork(network, created, {
    projectId: opts.demoProjectId,
    name: "private",
    networkType: "vxlan",
  });
  const privateSubnet = await ensureSubnet(
    network,
    created,
    privateNet,
    "private-subnet",
    PRIVATE_CIDR,
    true,
  );
  const existing = await prisma.router.findFirst({
    where: { projectId: opts.demoProjectId, name: "router1" },
  });
  if (!existing) {
    const router = await network.l3.routers.create(ADMIN, {
      projectId: opts.demoProjectId,
      name: "router1",
      description: "",
      adminStateUp: true,
      gateway: { networkId: publicNet.id },
    });
    await network.l3.routerInterfaces.add(ADMIN, router.id, { subnetId: privateSubnet.id });
    created.push("router1");
  }
  if (created.length > 0) {
    log.info({ created, publicSubnet: publicSubnet.cidr }, "bootstrap created the default networking");
  }
  return created;
}

/**
 * Bootstrap acts as the cloud itself: a system-scoped admin, so the core
 * services apply their own rules (VNI allocation, the physical network
 * claim, the DHCP port) exactly as for an API call.
 */
function systemAdmin(): AuthContext {
  const now = new Date();
  return {
    tokenHash: "",
    methods: [],
    user: { id: "bootstrap", name: "bootstrap", domain: { id: "default", name: "Default" } },
    scope: { type: "system" },
    roles: ["admin", "member", "reader"].map((name) => ({ id: name, name })),
    auditIds: [],
    issuedAt: now,
    expiresAt: now,
    appCred: null,
  };
}

async function ensureNetwork(
  network: NetworkServices,
  created: CreatedNames,
  spec: NetworkCreate & { projectId: string; name: string },
): Promise<Network> {
  const found = await network.deps.prisma.network.findFirst({
    where: { projectId: spec.projectId, name: spec.name },
  });
  if (found) return found;
  created.push(spec.name);
  return network.networks.create(systemAdmin(), spec);
}

async function ensureSubnet(
  network: NetworkServices,
  created: CreatedNames,
  net: Network,
  name: string,
  cidr: string,
  enableDhcp: boolean,
): Promise<Subnet> {
  const found = await network.deps.prisma.subnet.findFirst({ where: { networkId: net.id, name } });
  if (found) return found;
  const layout = subnetLayout(cidr);
  created.push(name);
  return network.subnets.create(systemAdmin(), {
    projectId: net.projectId,
    networkId: net.id,
    name,
    ipVersion: 4,
    cidr: layout.cidr,
    gatewayIp: layout.gatewayIp,
    allocationPools: [layout.pool],
    enableDhcp,
  });
}
