import { type ErrorCode, ZenithError } from "@zenith/core/errors";

/**
 * A ZenithError that names Neutron's exception class, rendered as
 * `{"NeutronError": {"type": "<neutronType>", …}}` (clients and Tempest
 * match on the type, e.g. SecurityGroupInUse or RouterInUse).
 */
export class NeutronFault extends ZenithError {
  constructor(code: ErrorCode, neutronType: string, message: string) {
    super(code, message, { neutronType });
  }
}

export const notFound = (type: string, message: string): NeutronFault =>
  new NeutronFault("NOT_FOUND", type, message);
export const conflict = (type: string, message: string): NeutronFault =>
  new NeutronFault("CONFLICT", type, message);
export const invalid = (type: string, message: string): NeutronFault =>
  new NeutronFault("BAD_REQUEST", type, message);

/** Neutron's generic BadRequest: "Bad router request: …". */
export const badRequest = (resource: string, message: string): NeutronFault =>
  new NeutronFault("BAD_REQUEST", "BadRequest", `Bad ${resource} request: ${message}.`);

/** Neutron answers an exceeded quota with 409 OverQuota. */
export const overQuota = (resource: string): NeutronFault =>
  new NeutronFault("CONFLICT", "OverQuota", `Quota exceeded for resources: ['${resource}'].`);

/** Neutron's 403 for a policy refusal. */
export const policyNotAuthorized = (action: string): NeutronFault =>
  new NeutronFault("FORBIDDEN", "PolicyNotAuthorized", `rule:${action} is disallowed by policy`);
