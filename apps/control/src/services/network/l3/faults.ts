import { type ErrorCode, ZenithError } from "@zenith/core/errors";

/**
 * Neutron's exceptions of the L3 and security group APIs: a ZenithError
 * naming the upstream class as `neutronType`, rendered as
 * `{"NeutronError": {"type": …}}` (clients and Tempest match on the type,
 * e.g. SecurityGroupInUse or RouterInUse).
 */
function neutron(code: ErrorCode, type: string, message: string): ZenithError {
  return new ZenithError(code, message, { neutronType: type });
}

export const notFound = (type: string, message: string): ZenithError => neutron("NOT_FOUND", type, message);
export const conflict = (type: string, message: string): ZenithError => neutron("CONFLICT", type, message);
export const invalid = (type: string, message: string): ZenithError => neutron("BAD_REQUEST", type, message);

/** Neutron's generic BadRequest: "Bad router request: …". */
export const badRequest = (resource: string, message: string): ZenithError =>
  neutron("BAD_REQUEST", "BadRequest", `Bad ${resource} request: ${message}.`);
