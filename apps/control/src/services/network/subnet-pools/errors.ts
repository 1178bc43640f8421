import { ZenithError } from "@zenith/core/errors";
import { conflict, invalidInput } from "../errors.ts";

/**
 * Neutron's subnet pool exceptions (neutron-lib exceptions and
 * neutron/ipam/exceptions.py): upstream class names as the NeutronError
 * `type`, upstream messages.
 */
const neutron = (code: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT", type: string, message: string) =>
  new ZenithError(code, message, { neutronType: type });

export const subnetPoolNotFound = (id: string) =>
  neutron("NOT_FOUND", "SubnetPoolNotFound", `Subnet pool ${id} could not be found.`);

export const subnetPoolInUse = (id: string, reason: string) =>
  conflict("SubnetPoolInUse", `Unable to complete operation on subnet pool ${id}. ${reason}.`);

export const illegalBounds = (prefixType: string, prefixlen: number, baseType: string, baseLen: number) =>
  neutron(
    "BAD_REQUEST",
    "IllegalSubnetPoolPrefixBounds",
    `Illegal prefix bounds: ${prefixType}=${prefixlen}, ${baseType}=${baseLen}.`,
  );

export const illegalPrefixUpdate = (msg: string) =>
  neutron("BAD_REQUEST", "IllegalSubnetPoolPrefixUpdate", `Illegal update to prefixes: ${msg}.`);

export const invalidPoolInput = (detail: string) => invalidInput(detail);

/** Upstream's SubnetAllocationError is a 500; a request the pool cannot serve is the client's conflict here. */
export const poolAllocationFailed = (reason: string) =>
  conflict("SubnetAllocationError", `Failed to allocate subnet: ${reason}.`);

export const subnetPoolQuotaExceeded = () =>
  conflict("SubnetPoolQuotaExceeded", "Subnet allocation would exceed the subnet pool's quota.");

export const defaultPoolExists = () =>
  neutron(
    "BAD_REQUEST",
    "DefaultSubnetPoolExists",
    "A default subnetpool for this IP family has already been set. Only one default may exist per IP family",
  );

/** Neutron's BadRequest on the subnets resource: "Bad subnets request: …". */
export const subnetsBadRequest = (reason: string) =>
  neutron("BAD_REQUEST", "BadRequest", `Bad subnets request: ${reason}.`);
