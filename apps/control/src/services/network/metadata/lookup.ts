import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { AgentPrincipal } from "../../compute/agent-hub/credentials.ts";
import { isComputePort, OWNER } from "../hub/snapshot.ts";

/** What the metadata documents of one instance are made of. */
export interface MetadataSubject {
  instance: {
    id: string;
    name: string;
    hostname: string;
    projectId: string;
    availabilityZone: string | null;
    launchIndex: number;
    reservationId: string;
    keyName: string | null;
    keyData: string | null;
    userData: string | null;
    metadata: unknown;
  };
  /** The address that asked, and the floating IP associated with it, if any. */
  address: string;
  floatingIp: string | null;
  ports: Array<{ id: string; networkId: string; mac: string; mtu: number }>;
}

const notFound = (): ZenithError => ZenithError.notFound("No instance has this address on this network.");

/**
 * The instance behind a guest's request: the compute port holding `address`
 * on `networkId`, and its instance, only when the asking host serves that
 * network's DHCP (the shared agent token is unscoped, as for images), the
 * instance is live and in the port's own project (a port naming another
 * project's instance as its device never exposes that instance). Anything
 * else is 404, as if absent.
 */
export async function findMetadataSubject(
  prisma: PrismaClient,
  principal: AgentPrincipal,
  networkId: string,
  address: string,
): Promise<MetadataSubject> {
  if (principal.kind === "host") {
    const serving = await prisma.port.findFirst({
      where: { networkId, deviceOwner: OWNER.dhcp, bindingHost: principal.host },
      select: { id: true },
    });
    if (!serving) throw notFound();
  }
  const allocation = await prisma.ipAllocation.findFirst({
    where: { networkId, ipAddress: address },
    include: { port: true },
  });
  const port = allocation?.port;
  if (!port || !isComputePort(port) || !port.deviceId) throw notFound();
  const instance = await prisma.instance.findFirst({
    where: { id: port.deviceId, projectId: port.projectId, deletedAt: null },
  });
  if (!instance) throw notFound();
  const [floating, ports] = await Promise.all([
    prisma.floatingIp.findFirst({
      where: { portId: port.id, fixedIpAddress: address },
      select: { floatingIpAddress: true },
    }),
    prisma.port.findMany({
      where: {
        deviceId: instance.id,
        projectId: instance.projectId,
        deviceOwner: { startsWith: OWNER.computePrefix },
      },
      include: { network: { select: { mtu: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    instance,
    address,
    floatingIp: floating?.floatingIpAddress ?? null,
    ports: ports.map((p) => ({ id: p.id, networkId: p.networkId, mac: p.macAddress, mtu: p.network.mtu })),
  };
}
