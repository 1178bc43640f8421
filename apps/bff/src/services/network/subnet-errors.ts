import { ZenithError } from "@zenith/core/errors";
import { toZenithError } from "../errors.ts";

export type SubnetField = "cidr" | "gatewayIp" | "allocationPools" | "dnsNameservers" | "hostRoutes" | "name";

/**
 * The subnet form field a Neutron refusal is about, read from its message
 * ("… overlaps with another subnet", "Gateway ip … conflicts with
 * allocation pool …", "The allocation pool … spans beyond the subnet …").
 */
export function subnetFieldOf(message: string): SubnetField {
  if (/overlap/i.test(message)) return "cidr";
  if (/gateway/i.test(message)) return "gatewayIp";
  if (/pool|allocation/i.test(message)) return "allocationPools";
  if (/nameserver|dns/i.test(message)) return "dnsNameservers";
  if (/route|nexthop/i.test(message)) return "hostRoutes";
  return "cidr";
}

/**
 * An upstream subnet error with the API's own message put on the field it
 * concerns (`prefix` is `subnet.` when the subnet is part of a network form).
 * Errors that are not about input (403, 404, 5xx) stay form-level.
 */
export function subnetError(err: unknown, prefix = ""): unknown {
  const zenith = toZenithError(err);
  if (!zenith || !["BAD_REQUEST", "CONFLICT"].includes(zenith.code) || zenith.fields.length > 0) return err;
  // Quota refusals are about the project, not the field.
  if (/quota/i.test(zenith.message)) return err;
  const path = `${prefix}${subnetFieldOf(zenith.message)}`;
  return new ZenithError(zenith.code, zenith.message, {
    fields: [{ path, message: zenith.message }],
    cause: err,
  });
}

/**
 * A refused network create: provider errors ("Physical network public is
 * in use", "Unable to create the network. The tunnel ID 42 is in use.")
 * go on the provider field they concern; others stay form-level.
 */
export function networkError(err: unknown): unknown {
  const zenith = toZenithError(err);
  if (!zenith || !["BAD_REQUEST", "CONFLICT"].includes(zenith.code) || zenith.fields.length > 0) return err;
  const path = /physical/i.test(zenith.message)
    ? "provider.physicalNetwork"
    : /segmentation|tunnel|vni/i.test(zenith.message)
      ? "provider.segmentationId"
      : /network_type|network type/i.test(zenith.message)
        ? "provider.networkType"
        : null;
  if (!path) return err;
  return new ZenithError(zenith.code, zenith.message, {
    fields: [{ path, message: zenith.message }],
    cause: err,
  });
}
