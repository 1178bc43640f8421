import { ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ComputeNeutron, NetworkChangeNotifier, PortBinding } from "./neutron.ts";
import { parseRequestedNetworks } from "./requested.ts";

export interface AllocateDeps {
  prisma: PrismaClient;
  logger: Logger;
  neutron: ComputeNeutron;
  notifier: NetworkChangeNotifier;
}

/** Nova's device_owner of an instance's ports. */
export function computeOwner(availabilityZone: string | null): string {
  return `compute:${availabilityZone || "nova"}`;
}

/**
 * Makes and binds an instance's ports once the scheduler placed it on
 * `host` (Nova's allocate_for_instance, run by the compute manager): the
 * requested networks get new ports, requested ports are bound, all with
 * device_id = the instance, device_owner `compute:<az>`, binding:host_id
 * = the host. A rescheduled instance keeps its ports, rebound to the new
 * host. On any failure what this call made is undone and the error is
 * thrown for the caller to abort the build.
 */
export async function allocateInstancePorts(
  deps: AllocateDeps,
  instanceId: string,
  host: string,
): Promise<void> {
  const { prisma, neutron, logger } = deps;
  const inst = await prisma.instance.findUnique({
    where: { id: instanceId },
    include: { interfaces: { orderBy: { position: "asc" } } },
  });
  if (!inst) return;
  const binding: PortBinding = {
    deviceId: inst.id,
    deviceOwner: computeOwner(inst.availabilityZone),
    host,
  };
  if (inst.interfaces.length > 0) {
    for (const iface of inst.interfaces) await neutron.bindPort(iface.portId, binding);
    deps.notifier.networkChanged([host]);
    return;
  }
  const requested = parseRequestedNetworks(inst.requestedNetworks);
  if (!requested || requested.nics.length === 0) return;
  const made: Array<{ portId: string; preserve: boolean }> = [];
  try {
    for (const [position, nic] of requested.nics.entries()) {
      let portId: string;
      if (nic.kind === "port") {
        await neutron.bindPort(nic.portId, binding);
        portId = nic.portId;
      } else {
        portId = await neutron.createPort({
          projectId: inst.projectId,
          networkId: nic.networkId,
          fixedIp: nic.fixedIp,
          securityGroupIds: requested.securityGroupIds,
          binding,
        });
      }
      made.push({ portId, preserve: nic.kind === "port" });
      await prisma.instanceInterface.create({
        data: { portId, instanceId, position, preserveOnDelete: nic.kind === "port" },
      });
    }
  } catch (err) {
    await undo(deps, instanceId, made);
    throw err;
  }
  logger.info({ instanceId, host, ports: made.map((m) => m.portId) }, "instance ports allocated");
  deps.notifier.networkChanged([host]);
}

/** Deletes the ports this attempt created and unbinds the ones it bound; failures are logged, not thrown. */
async function undo(
  deps: AllocateDeps,
  instanceId: string,
  made: Array<{ portId: string; preserve: boolean }>,
): Promise<void> {
  for (const m of made) {
    try {
      if (m.preserve) {
        await deps.prisma.instanceInterface.deleteMany({ where: { portId: m.portId, instanceId } });
        await deps.neutron.bindPort(m.portId, null);
      } else {
        await deps.neutron.deletePort(m.portId);
      }
    } catch (err) {
      deps.logger.error({ err, instanceId, portId: m.portId }, "could not undo a port of a failed build");
    }
  }
}

/** The message of a Neutron refusal, for the build fault. */
export function allocationDetail(err: unknown): string {
  if (err instanceof ZenithError) return err.message;
  return "the network service failed";
}
