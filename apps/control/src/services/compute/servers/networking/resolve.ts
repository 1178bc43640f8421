import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Caller } from "../caller.ts";
import type { ComputeNeutron } from "./neutron.ts";
import type { NetworksInput, RequestedNetworks, RequestedNic } from "./requested.ts";

export interface ResolveDeps {
  prisma: PrismaClient;
  neutron: ComputeNeutron;
  /** Ports the project may still create (null: unlimited); Neutron's port quota. */
  portRoom?: ((projectId: string) => Promise<number | null>) | undefined;
}

/** oslo's is_uuid_like accepts any spelling of a UUID; rows hold the canonical one. */
export function canonicalUuid(value: string): string {
  const hex = value
    .replace(/^(urn:)?(uuid:)?/i, "")
    .replace(/[{}-]/g, "")
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Nova's `_get_available_networks`: the project's own networks that are
 * not shared, then every shared one. External networks count only when
 * the project owns them (as upstream: Nova asks Neutron by tenant_id).
 */
async function availableNetworks(prisma: PrismaClient, projectId: string) {
  return prisma.network.findMany({
    where: { OR: [{ projectId, shared: false }, { shared: true }], adminStateUp: true },
    include: { _count: { select: { subnets: true } } },
    orderBy: { createdAt: "asc" },
  });
}

const AMBIGUOUS = "Multiple possible networks found, use a Network ID to be more specific.";

/**
 * Checks `networks` of a create as Nova's API and its Neutron API do
 * (`_get_requested_networks`, `validate_networks`), resolves security
 * group names, and says how many instances the port quota allows. Errors
 * are Nova's (400 for unknown networks or ports, 409 for ambiguity or a
 * port in use, 403 when no port fits).
 */
export async function resolveNetworks(
  deps: ResolveDeps,
  caller: Caller,
  input: NetworksInput,
  opts: { minCount: number; maxCount: number; securityGroups: string[] | undefined },
): Promise<{ requested: RequestedNetworks; maxCount: number }> {
  const { prisma } = deps;
  let nics: RequestedNic[] = [];
  if (input.kind === "unspecified" || input.kind === "auto") {
    const nets = await availableNetworks(prisma, caller.projectId);
    if (nets.length > 1) throw new ZenithError("CONFLICT", AMBIGUOUS);
    const only = nets[0];
    if (only) {
      if (only._count.subnets === 0) throw networkRequiresSubnet(only.id);
      checkExternalAttach(caller, only);
      nics = [{ kind: "network", networkId: only.id }];
    } else if (input.kind === "auto") {
      // No auto-allocated-topology extension here: Nova's UnableToAutoAllocateNetwork.
      throw ZenithError.badRequest(
        `Unable to automatically allocate a network for project ${caller.projectId}`,
      );
    }
  } else if (input.kind === "list") {
    nics = await checkListed(deps, caller, input.items, opts.maxCount);
  }
  const wanted = opts.securityGroups ?? ["default"];
  let securityGroupIds: string[] = [];
  if (nics.some((n) => n.kind === "network")) {
    securityGroupIds = await resolveSecurityGroups(deps, caller.projectId, wanted);
  } else {
    // Nothing to apply them to, but unknown names are still refused, as Nova's API does.
    await resolveSecurityGroups(
      deps,
      caller.projectId,
      wanted.filter((n) => n !== "default"),
    );
  }
  const maxCount = await fitPortQuota(deps, caller.projectId, nics, opts);
  return { requested: { nics, securityGroupIds }, maxCount };
}

async function checkListed(
  deps: ResolveDeps,
  caller: Caller,
  items: Extract<NetworksInput, { kind: "list" }>["items"],
  maxCount: number,
): Promise<RequestedNic[]> {
  const { prisma } = deps;
  const nics: RequestedNic[] = [];
  for (const item of items) {
    if (item.port) {
      if (item.fixedIp !== undefined) {
        throw ZenithError.badRequest(
          `Specified Fixed IP '${item.fixedIp}' cannot be used with port '${item.port}': the two cannot be specified together.`,
        );
      }
      const portId = canonicalUuid(item.port);
      const port = await prisma.port.findUnique({
        where: { id: portId },
        include: { _count: { select: { fixedIps: true } } },
      });
      // Another project's port is "not found" to a member, as Neutron shows it.
      if (!port || (!caller.admin && port.projectId !== caller.projectId)) {
        throw ZenithError.badRequest(`Port ${portId} could not be found.`);
      }
      if (port.deviceId !== "") throw new ZenithError("CONFLICT", `Port ${portId} is still in use.`);
      if (port._count.fixedIps === 0) {
        throw ZenithError.badRequest(`Port ${portId} requires a FixedIP in order to be used.`);
      }
      if (maxCount > 1) {
        throw ZenithError.badRequest(
          "Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.",
        );
      }
      nics.push({ kind: "port", portId });
      continue;
    }
    if (item.uuid === undefined) throw ZenithError.badRequest("Bad network format: missing 'uuid'");
    const networkId = canonicalUuid(item.uuid);
    const net = await prisma.network.findUnique({
      where: { id: networkId },
      include: { _count: { select: { subnets: true } } },
    });
    // Neutron shows external networks to every project.
    const visible = net && (caller.admin || net.projectId === caller.projectId || net.shared || net.external);
    if (!net || !visible) throw ZenithError.badRequest(`Network ${networkId} could not be found.`);
    if (net._count.subnets === 0) throw networkRequiresSubnet(networkId);
    checkExternalAttach(caller, net);
    if (item.fixedIp !== undefined) {
      if (maxCount > 1) {
        throw ZenithError.badRequest("max_count cannot be greater than 1 if an fixed_ip is specified.");
      }
      const taken = await prisma.ipAllocation.findFirst({
        where: { networkId, ipAddress: item.fixedIp },
        include: { port: { select: { deviceId: true } } },
      });
      if (taken) {
        throw ZenithError.badRequest(
          `Fixed IP address ${item.fixedIp} is already in use on instance ${taken.port.deviceId}.`,
        );
      }
    }
    nics.push({
      kind: "network",
      networkId,
      ...(item.fixedIp !== undefined ? { fixedIp: item.fixedIp } : {}),
    });
  }
  return nics;
}

/**
 * Nova's `network:attach_external_network` (admin only): a member may not
 * put an instance straight on an external network unless it is shared.
 */
function checkExternalAttach(caller: Caller, net: { id: string; external: boolean; shared: boolean }): void {
  if (caller.admin || !net.external || net.shared) return;
  throw new ZenithError(
    "FORBIDDEN",
    `It is not allowed to create an interface on external network ${net.id}`,
  );
}

function networkRequiresSubnet(networkId: string): ZenithError {
  return ZenithError.badRequest(`Network ${networkId} requires a subnet in order to boot instances on.`);
}

/** Names (or ids) of the project's groups, as Nova's `validate_name`; `default` is created on first need. */
export async function resolveSecurityGroups(
  deps: ResolveDeps,
  projectId: string,
  names: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of new Set(names)) {
    if (name === "default") {
      ids.push(await deps.neutron.defaultSecurityGroup(projectId));
      continue;
    }
    const byId = await deps.prisma.securityGroup.findFirst({ where: { id: name, projectId } });
    const found = byId ? [byId] : await deps.prisma.securityGroup.findMany({ where: { name, projectId } });
    if (found.length > 1) {
      throw new ZenithError(
        "CONFLICT",
        `Multiple security groups found matching '${name}'. Use an ID to be more specific.`,
      );
    }
    const group = found[0];
    if (!group) throw ZenithError.badRequest(`Security group ${name} not found.`);
    ids.push(group.id);
  }
  return [...new Set(ids)];
}

/**
 * Nova's port quota check: as many instances as the free ports allow,
 * never fewer than min_count (403 "Maximum number of ports exceeded").
 * Ports passed in exist already and need no room.
 */
async function fitPortQuota(
  deps: ResolveDeps,
  projectId: string,
  nics: RequestedNic[],
  opts: { minCount: number; maxCount: number },
): Promise<number> {
  const perInstance = nics.filter((n) => n.kind === "network").length;
  if (perInstance === 0 || !deps.portRoom) return opts.maxCount;
  const room = await deps.portRoom(projectId);
  if (room === null) return opts.maxCount;
  const fits = Math.floor(Math.max(room, 0) / perInstance);
  if (fits < opts.minCount) throw new ZenithError("OVER_LIMIT", "Maximum number of ports exceeded");
  return Math.min(opts.maxCount, fits);
}
