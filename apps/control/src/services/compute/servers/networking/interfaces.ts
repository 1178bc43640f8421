import { ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../../agent-hub/publisher.ts";
import type { Caller } from "../caller.ts";
import { findServer } from "../lookup.ts";
import { VmState } from "../states.ts";
import { checkAllowed, type StateRule, transition } from "../transition.ts";
import { computeOwner } from "./allocate.ts";
import type { ComputeNeutron, NetworkChangeNotifier } from "./neutron.ts";
import { releaseInstancePorts } from "./release.ts";
import { type ResolveDeps, resolveNetworks } from "./resolve.ts";
import { type InterfaceView, interfacesOf } from "./views.ts";

export interface InterfaceDeps extends ResolveDeps {
  logger: Logger;
  neutron: ComputeNeutron;
  notifier: NetworkChangeNotifier;
  publisher: DesiredPublisher;
}

/** Nova's `attach_interface` / `detach_interface` state checks (compute/api.py). */
const HOTPLUG_STATES = [VmState.ACTIVE, VmState.PAUSED, VmState.STOPPED];
const ATTACH: StateRule = {
  nova: "attach_interface",
  vmStates: HOTPLUG_STATES,
  taskStates: [null],
  checkLock: true,
};
const DETACH: StateRule = {
  nova: "detach_interface",
  vmStates: HOTPLUG_STATES,
  taskStates: [null],
  checkLock: true,
};

export interface AttachRequest {
  netId?: string | undefined;
  portId?: string | undefined;
  fixedIp?: string | undefined;
}

/** The server's interfaces (os-interface list), eth0 first. */
export async function listInterfaces(
  prisma: PrismaClient,
  caller: Caller,
  serverId: string,
): Promise<InterfaceView[]> {
  const inst = await findServer(prisma, caller, serverId);
  return (await interfacesOf(prisma, [inst.id])).get(inst.id) ?? [];
}

export async function showInterface(
  prisma: PrismaClient,
  caller: Caller,
  serverId: string,
  portId: string,
): Promise<InterfaceView> {
  const found = (await listInterfaces(prisma, caller, serverId)).find((i) => i.portId === portId);
  if (!found) {
    throw ZenithError.notFound(`Instance ${serverId} does not have a port with id ${portId}`);
  }
  return found;
}

/**
 * os-interface create: a new port on `net_id` (or the project's only
 * network), or the caller's unbound `port_id`, bound to the server's host
 * and added to the guest's desired interfaces (the agent hot-plugs it).
 */
export async function attachInterface(
  deps: InterfaceDeps,
  caller: Caller,
  serverId: string,
  req: AttachRequest,
): Promise<InterfaceView> {
  const { prisma, neutron } = deps;
  if (req.netId && req.portId) throw ZenithError.badRequest("Must not input both network_id and port_id");
  if (req.fixedIp && !req.netId)
    throw ZenithError.badRequest("Must input network_id when request IP address");
  const inst = await findServer(prisma, caller, serverId);
  checkAllowed(caller, inst, { rule: ATTACH, needsHost: true });
  const host = inst.host?.host;
  if (!host) throw new ZenithError("CONFLICT", `Instance ${inst.id} is not ready`);
  const owner: Caller = { ...caller, projectId: inst.projectId };
  const input = req.portId
    ? { kind: "list" as const, items: [{ port: req.portId }] }
    : req.netId
      ? { kind: "list" as const, items: [{ uuid: req.netId, fixedIp: req.fixedIp }] }
      : { kind: "auto" as const };
  const { requested } = await resolveNetworks(deps, owner, input, {
    minCount: 1,
    maxCount: 1,
    securityGroups: undefined,
  }).catch((err: unknown) => {
    throw attachError(err);
  });
  const nic = requested.nics[0];
  if (!nic) throw ZenithError.badRequest("No network to attach the interface to");
  const binding = { deviceId: inst.id, deviceOwner: computeOwner(inst.availabilityZone), host };
  let portId: string;
  if (nic.kind === "port") {
    await neutron.bindPort(nic.portId, binding);
    portId = nic.portId;
  } else {
    portId = await neutron
      .createPort({
        projectId: inst.projectId,
        networkId: nic.networkId,
        fixedIp: nic.fixedIp,
        securityGroupIds: requested.securityGroupIds,
        binding,
      })
      .catch((err: unknown) => {
        // Nova's PortLimitExceeded for Neutron's OverQuota.
        if (err instanceof ZenithError && err.neutronType === "OverQuota") {
          throw new ZenithError("OVER_LIMIT", "Maximum number of ports exceeded");
        }
        throw err;
      });
  }
  try {
    const last = await prisma.instanceInterface.findFirst({
      where: { instanceId: inst.id },
      orderBy: { position: "desc" },
    });
    await prisma.instanceInterface.create({
      data: {
        portId,
        instanceId: inst.id,
        position: (last?.position ?? -1) + 1,
        preserveOnDelete: nic.kind === "port",
      },
    });
    await transition(deps, caller, inst.id, { rule: ATTACH, needsHost: true, data: () => ({}) });
  } catch (err) {
    await prisma.instanceInterface.deleteMany({ where: { portId } });
    if (nic.kind === "port") await neutron.bindPort(portId, null);
    else await neutron.deletePort(portId);
    throw err;
  }
  deps.notifier.networkChanged([host]);
  deps.logger.info({ instanceId: inst.id, portId }, "interface attached");
  return showInterface(prisma, caller, inst.id, portId);
}

/** Nova's attach answers NotFound for unknown networks and ports (create answers 400). */
function attachError(err: unknown): unknown {
  if (err instanceof ZenithError && err.code === "BAD_REQUEST" && /could not be found/.test(err.message)) {
    return ZenithError.notFound(err.message);
  }
  return err;
}

/** os-interface delete: the port leaves the guest (hot-unplug) and is deleted, or only unbound if the user brought it. */
export async function detachInterface(
  deps: InterfaceDeps,
  caller: Caller,
  serverId: string,
  portId: string,
): Promise<void> {
  const { prisma } = deps;
  const inst = await findServer(prisma, caller, serverId);
  checkAllowed(caller, inst, { rule: DETACH });
  const port = await prisma.port.findUnique({ where: { id: portId } });
  if (!port || port.deviceId !== inst.id) throw ZenithError.notFound(`Port ${portId} is not attached`);
  // The port goes first, so the desired state the transition pushes no longer has it.
  await releaseInstancePorts(deps, inst.id, { only: portId });
  await transition(deps, caller, inst.id, { rule: DETACH, data: () => ({}) });
  deps.logger.info({ instanceId: inst.id, portId }, "interface detached");
}
