import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { PortChange } from "../../../network/hub/generations.ts";
import type { ComputeNeutron, NewInstancePort, PortBinding } from "./neutron.ts";

/** The Neutron core's service-side port calls (no caller policy: the control plane acts for the project). */
export interface ServicePorts {
  createForService(input: {
    projectId: string;
    networkId: string;
    fixedIps?: Array<{ ipAddress?: string | undefined; subnetId?: string | undefined }> | undefined;
    deviceId?: string | undefined;
    deviceOwner?: string | undefined;
    bindingHost?: string | undefined;
    securityGroups?: string[] | undefined;
  }): Promise<{ id: string }>;
  deleteForService(id: string): Promise<void>;
}

export interface ComputeNeutronDeps {
  prisma: PrismaClient;
  /** Null until the Neutron core is wired: creating a port is then refused. */
  ports: ServicePorts | null;
  /** The project's `default` group (Neutron's ensureDefaultSecurityGroup). */
  defaultSecurityGroup(projectId: string): Promise<string>;
  /** The network hub: bumps the ports' generations and publishes to their hosts. */
  portsChanged(change: PortChange): Promise<void>;
}

/**
 * ComputeNeutron on the Neutron services and the network hub: ports are
 * created and deleted by the core's service calls (IPAM, MAC, quota);
 * binding and security group changes are the port's own columns, followed
 * by the hub's generation bump so the host's agent re-applies the port.
 */
export function computeNeutron(deps: ComputeNeutronDeps): ComputeNeutron {
  const { prisma } = deps;
  const ports = (): ServicePorts => {
    if (!deps.ports) throw new ZenithError("SERVICE_UNAVAILABLE", "The network service is not available.");
    return deps.ports;
  };
  return {
    async createPort(port: NewInstancePort): Promise<string> {
      const created = await ports().createForService({
        projectId: port.projectId,
        networkId: port.networkId,
        ...(port.fixedIp === undefined ? {} : { fixedIps: [{ ipAddress: port.fixedIp }] }),
        deviceId: port.binding.deviceId,
        deviceOwner: port.binding.deviceOwner,
        bindingHost: port.binding.host,
        securityGroups: port.securityGroupIds,
      });
      await deps.portsChanged({ portIds: [created.id], remoteGroupIds: port.securityGroupIds });
      return created.id;
    },

    async deletePort(portId: string): Promise<void> {
      const groups = await prisma.portSecurityGroup.findMany({
        where: { portId },
        select: { securityGroupId: true },
      });
      await disassociateFloatingIps(prisma, portId);
      await ports().deleteForService(portId);
      // The port's addresses leave the groups it was in: rules naming those groups change.
      await deps.portsChanged({ remoteGroupIds: groups.map((g) => g.securityGroupId) });
    },

    async bindPort(portId: string, binding: PortBinding | null): Promise<void> {
      const data = binding
        ? {
            deviceId: binding.deviceId,
            deviceOwner: binding.deviceOwner,
            bindingHost: binding.host,
            vifType: "bridge",
          }
        : { deviceId: "", deviceOwner: "", bindingHost: "", vifType: "unbound" };
      // A port is bound to one instance: only if free, or already this instance's (a reschedule rebinds it).
      const done = await prisma.port.updateMany({
        where: binding ? { id: portId, deviceId: { in: ["", binding.deviceId] } } : { id: portId },
        data: { ...data, status: "DOWN", revisionNumber: { increment: 1 } },
      });
      if (done.count === 0) throw new ZenithError("CONFLICT", `Port ${portId} is still in use.`);
      await deps.portsChanged({ portIds: [portId] });
    },

    async setPortSecurityGroups(portId: string, securityGroupIds: string[]): Promise<void> {
      const before = await prisma.portSecurityGroup.findMany({
        where: { portId },
        select: { securityGroupId: true },
      });
      await prisma.$transaction([
        prisma.portSecurityGroup.deleteMany({ where: { portId } }),
        prisma.portSecurityGroup.createMany({
          data: securityGroupIds.map((securityGroupId) => ({ portId, securityGroupId })),
        }),
        prisma.port.update({ where: { id: portId }, data: { revisionNumber: { increment: 1 } } }),
      ]);
      const touched = [...new Set([...before.map((g) => g.securityGroupId), ...securityGroupIds])];
      await deps.portsChanged({ portIds: [portId], remoteGroupIds: touched });
    },

    defaultSecurityGroup: (projectId) => deps.defaultSecurityGroup(projectId),
  };
}

/** Neutron's port quota as the room Nova's validate_networks computes (null: unlimited). */
export function portRoomOf(quotas: {
  limits(projectId: string): Promise<{ port: number }>;
  usage(projectId: string): Promise<{ port: number }>;
}): (projectId: string) => Promise<number | null> {
  return async (projectId) => {
    const [limits, usage] = await Promise.all([quotas.limits(projectId), quotas.usage(projectId)]);
    return limits.port < 0 ? null : limits.port - usage.port;
  };
}

/**
 * Neutron disassociates a port's floating IPs when the port goes (they
 * stay allocated to the project): address, router and status cleared, the
 * router's generation bumped so its host drops the NAT.
 */
export async function disassociateFloatingIps(prisma: PrismaClient, portId: string): Promise<void> {
  const fips = await prisma.floatingIp.findMany({ where: { portId }, select: { routerId: true } });
  if (fips.length === 0) return;
  const routerIds = [...new Set(fips.flatMap((f) => (f.routerId ? [f.routerId] : [])))];
  await prisma.$transaction([
    prisma.floatingIp.updateMany({
      where: { portId },
      data: {
        portId: null,
        fixedIpAddress: null,
        routerId: null,
        status: "DOWN",
        revisionNumber: { increment: 1 },
      },
    }),
    prisma.router.updateMany({ where: { id: { in: routerIds } }, data: { generation: { increment: 1 } } }),
  ]);
}
