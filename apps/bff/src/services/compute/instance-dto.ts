import type { Server } from "@zenith/api-client/nova";
import { type ActionName, availableActions } from "@zenith/compute-actions/actions";
import { vmStateOfStatus } from "@zenith/compute-actions/states";

/** Nova's power_state numbers (nova/compute/power_state.py) as the names the portal shows. */
const POWER_STATES: Record<number, string> = {
  0: "NOSTATE",
  1: "RUNNING",
  3: "PAUSED",
  4: "SHUTDOWN",
  6: "CRASHED",
  7: "SUSPENDED",
};

export function powerStateName(state: number | null | undefined): string | null {
  if (state === null || state === undefined) return null;
  return POWER_STATES[state] ?? "NOSTATE";
}

export interface FlavorRef {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
}

/** What the joins found for one page: flavors, image names, project names. */
export interface JoinedNames {
  flavor(server: Server): FlavorRef;
  imageName(id: string): string | undefined;
  projectName(id: string): string | undefined;
}

/** Every address of every network, fixed before floating, in Nova's order. */
export function addressesOf(server: Server): string[] {
  const all = Object.values(server.addresses).flat();
  const fixed = all.filter((a) => a["OS-EXT-IPS:type"] !== "floating").map((a) => a.addr);
  const floating = all.filter((a) => a["OS-EXT-IPS:type"] === "floating").map((a) => a.addr);
  return [...fixed, ...floating];
}

/** Every address with its network and kind, fixed before floating (the list's Addresses column marks floating ones). */
export function ipAddressesOf(
  server: Pick<Server, "addresses">,
): { address: string; network: string; floating: boolean }[] {
  const all = Object.entries(server.addresses).flatMap(([network, list]) =>
    list.map((a) => ({ address: a.addr, network, floating: a["OS-EXT-IPS:type"] === "floating" })),
  );
  return [...all.filter((a) => !a.floating), ...all.filter((a) => a.floating)];
}

/**
 * The actions Nova would accept now, by the shared table. The vm_state
 * comes from the status when the cloud's policy hides it; an unknown
 * state offers nothing rather than actions that would fail.
 */
export function actionsOf(server: Server, admin: boolean): ActionName[] {
  const vmState = server["OS-EXT-STS:vm_state"] ?? vmStateOfStatus(server.status);
  if (!vmState) return [];
  const taskState = server["OS-EXT-STS:task_state"] ?? null;
  return availableActions({ vmState, taskState, locked: server.locked ?? false }, admin);
}

export interface InstanceViewOptions {
  withProjectName: boolean;
  /** Admins act on locked instances too (Nova's check_instance_lock). */
  admin: boolean;
}

export function toInstance(server: Server, names: JoinedNames, opts: InstanceViewOptions) {
  const imageId = server.image === "" ? null : server.image.id;
  const host = server["OS-EXT-SRV-ATTR:host"];
  const projectName = opts.withProjectName ? names.projectName(server.tenant_id) : undefined;
  return {
    id: server.id,
    name: server.name,
    status: server.status,
    taskState: server["OS-EXT-STS:task_state"] ?? null,
    powerState: powerStateName(server["OS-EXT-STS:power_state"]),
    vmState: server["OS-EXT-STS:vm_state"] ?? null,
    flavor: names.flavor(server),
    // A deleted image keeps its id on the server; its name is then unknown.
    image: imageId === null ? null : { id: imageId, name: names.imageName(imageId) ?? imageId },
    addresses: addressesOf(server),
    ipAddresses: ipAddressesOf(server),
    keyName: server.key_name ?? null,
    availabilityZone: server["OS-EXT-AZ:availability_zone"] ?? null,
    ...(host ? { host } : {}),
    projectId: server.tenant_id,
    ...(projectName !== undefined ? { projectName } : {}),
    locked: server.locked ?? false,
    created: server.created,
    updated: server.updated,
    ...(server.fault ? { fault: { message: server.fault.message } } : {}),
    actions: actionsOf(server, opts.admin),
  };
}
export type Instance = ReturnType<typeof toInstance>;

export function toInstanceDetail(server: Server, names: JoinedNames, opts: InstanceViewOptions) {
  return {
    ...toInstance(server, names, opts),
    metadata: server.metadata,
    userId: server.user_id,
    launchedAt: server["OS-SRV-USG:launched_at"] ?? null,
    lockedReason: server.locked_reason ?? null,
  };
}
