import { type ErrorCode, ZenithError } from "@zenith/core/errors";
import { Prisma } from "@zenith/db/client";

/**
 * Neutron's exceptions, each with its upstream class name as the
 * NeutronError `type` and its upstream message, so clients that match on
 * either keep working.
 */
function neutron(code: ErrorCode, type: string, message: string): ZenithError {
  return new ZenithError(code, message, { neutronType: type });
}

export const networkNotFound = (id: string) =>
  neutron("NOT_FOUND", "NetworkNotFound", `Network ${id} could not be found.`);
export const subnetNotFound = (id: string) =>
  neutron("NOT_FOUND", "SubnetNotFound", `Subnet ${id} could not be found.`);
export const portNotFound = (id: string) =>
  neutron("NOT_FOUND", "PortNotFound", `Port ${id} could not be found.`);
export const securityGroupNotFound = (id: string) =>
  neutron("NOT_FOUND", "SecurityGroupNotFound", `Security group ${id} does not exist`);
export const tagNotFound = (id: string, tag: string) =>
  neutron("NOT_FOUND", "TagNotFound", `Tag ${tag} could not be found for resource ${id}.`);
export const extensionNotFound = (alias: string) =>
  neutron("NOT_FOUND", "HTTPNotFound", `Extension with alias ${alias} does not exist`);

export const networkInUse = (id: string, portIds: readonly string[] = []) =>
  neutron(
    "CONFLICT",
    "NetworkInUse",
    `Unable to complete operation on network ${id}. There are one or more ports still in use on the network${
      portIds.length > 0 ? `, id for these ports is: ${portIds.join(",")}` : ""
    }.`,
  );
export const subnetInUse = (id: string) =>
  neutron(
    "CONFLICT",
    "SubnetInUse",
    `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`,
  );
export const ipAddressInUse = (networkId: string, ip: string) =>
  neutron(
    "CONFLICT",
    "IpAddressInUse",
    `Unable to complete operation for network ${networkId}. The IP address ${ip} is in use.`,
  );
export const ipAddressGenerationFailure = (networkId: string) =>
  neutron(
    "CONFLICT",
    "IpAddressGenerationFailure",
    `No more IP addresses available on network ${networkId}.`,
  );
export const macAddressInUse = (networkId: string, mac: string) =>
  neutron(
    "CONFLICT",
    "MacAddressInUse",
    `Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`,
  );
export const overQuota = (resources: readonly string[]) =>
  neutron(
    "CONFLICT",
    "OverQuota",
    `Quota exceeded for resources: [${resources.map((r) => `'${r}'`).join(", ")}].`,
  );
export const tunnelIdInUse = (vni: number) =>
  neutron("CONFLICT", "TunnelIdInUse", `Unable to create the network. The tunnel ID ${vni} is in use.`);
export const flatNetworkInUse = (physnet: string) =>
  neutron(
    "CONFLICT",
    "FlatNetworkInUse",
    `Unable to create the flat network. Physical network ${physnet} is in use.`,
  );
export const noNetworkAvailable = () =>
  neutron(
    "SERVICE_UNAVAILABLE",
    "NoNetworkAvailable",
    "Unable to create the network. No tenant network is available for allocation.",
  );
export const servicePortInUse = (portId: string, owner: string) =>
  neutron(
    "CONFLICT",
    "ServicePortInUse",
    `Port ${portId} cannot be deleted directly via the port API: has device owner ${owner}.`,
  );
export const portSecurityPortHasSecurityGroup = () =>
  neutron(
    "CONFLICT",
    "PortSecurityPortHasSecurityGroup",
    "Port has security group associated. Cannot disable port security or ip address until security group is removed",
  );
export const portSecurityAndIpRequired = () =>
  neutron(
    "BAD_REQUEST",
    "PortSecurityAndIPRequiredForSecurityGroups",
    "Port security must be enabled and port must have an IP address in order to use security groups.",
  );
export const addressPairAndPortSecurityRequired = () =>
  neutron(
    "CONFLICT",
    "AddressPairAndPortSecurityRequired",
    "Port Security must be enabled in order to have allowed address pairs on a port.",
  );

/** Neutron's InvalidInput: "Invalid input for operation: <detail>." */
export const invalidInput = (detail: string) =>
  neutron("BAD_REQUEST", "InvalidInput", `Invalid input for operation: ${detail}`);
export const badRequest = (message: string) => neutron("BAD_REQUEST", "HTTPBadRequest", message);
export const conflict = (type: string, message: string) => neutron("CONFLICT", type, message);

/** Neutron's 403 for a policy refusal. */
export const policyNotAuthorized = (action: string) =>
  neutron("FORBIDDEN", "PolicyNotAuthorized", `rule:${action} is disallowed by policy`);

/** A unique-constraint violation (Prisma P2002), optionally on a column named in `target`. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return false;
  if (column === undefined) return true;
  return JSON.stringify(err.meta ?? {}).includes(column);
}
