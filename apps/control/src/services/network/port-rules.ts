import { inRange, parseIp, tryParseCidr } from "./addresses.ts";
import { addressPairAndPortSecurityRequired, badRequest, invalidInput } from "./errors.ts";
import { normalizeMac } from "./mac.ts";
import { type AddressRequest, isAutoAddress } from "./port-store.ts";
import type { AddressPair, Subnet } from "./records.ts";
import { subnetCidr } from "./subnet-rules.ts";

/** Upstream's max_allowed_address_pair and a bound on fixed IPs per port. */
export const MAX_ADDRESS_PAIRS = 10;
export const MAX_FIXED_IPS = 20;

export const VNIC_TYPES = [
  "normal",
  "direct",
  "macvtap",
  "baremetal",
  "direct-physical",
  "virtio-forwarder",
  "smart-nic",
  "remote-managed",
] as const;

export interface FixedIpRequest {
  subnetId?: string | undefined;
  ipAddress?: string | undefined;
}

/**
 * What addresses a port gets: the requested ones, each on a subnet of the
 * port's network, or by default one IPv4 address (from the first IPv4
 * subnet with room) and one IPv6 address, as upstream.
 */
export function addressRequests(
  networkId: string,
  subnets: readonly Subnet[],
  requested: readonly FixedIpRequest[] | undefined,
): AddressRequest[] {
  if (requested === undefined) {
    // One address from the IPv4 subnets, one from the stateful IPv6 ones, and one in every SLAAC subnet.
    const v4 = subnets.filter((s) => s.ipVersion === 4);
    const v6 = subnets.filter((s) => s.ipVersion === 6 && !isAutoAddress(s));
    const auto = subnets.filter(isAutoAddress).map((subnet) => ({ subnet }));
    const pooled: AddressRequest[] = [v4, v6].filter((list) => list.length > 0).map((anyOf) => ({ anyOf }));
    return [...pooled, ...auto];
  }
  if (requested.length > MAX_FIXED_IPS) throw invalidInput(`At most ${MAX_FIXED_IPS} fixed IPs per port`);
  const seen = new Set<string>();
  return requested.map((fixed) => {
    const subnet =
      fixed.subnetId !== undefined
        ? subnets.find((s) => s.id === fixed.subnetId)
        : fixed.ipAddress !== undefined
          ? subnetHolding(subnets, fixed.ipAddress)
          : undefined;
    if (!subnet) {
      if (fixed.subnetId !== undefined) {
        throw invalidInput(
          `Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${fixed.subnetId}.`,
        );
      }
      throw invalidInput(`IP address ${fixed.ipAddress ?? ""} is not a valid IP for the specified subnet.`);
    }
    const key = `${subnet.id} ${fixed.ipAddress === undefined ? "" : parseIp(fixed.ipAddress).text}`;
    if (fixed.ipAddress !== undefined && seen.has(key)) {
      throw invalidInput(`Duplicate IP address '${fixed.ipAddress}'`);
    }
    seen.add(key);
    return { subnet, ipAddress: fixed.ipAddress };
  });
}

function subnetHolding(subnets: readonly Subnet[], address: string): Subnet | undefined {
  const ip = parseIp(address);
  return subnets.find((s) => {
    const cidr = subnetCidr(s.cidr, s.ipVersion);
    return cidr.version === ip.version && inRange(ip.value, cidr);
  });
}

/** allowed_address_pairs: an address or CIDR each, the port's MAC by default; port security required. */
export function addressPairs(
  requested: ReadonlyArray<{ ipAddress: string; macAddress?: string | undefined }>,
  portMac: string,
  portSecurityEnabled: boolean,
): AddressPair[] {
  if (requested.length === 0) return [];
  if (!portSecurityEnabled) throw addressPairAndPortSecurityRequired();
  if (requested.length > MAX_ADDRESS_PAIRS) {
    throw badRequest(`Exceeded maximum amount of allowed address pairs ${MAX_ADDRESS_PAIRS}`);
  }
  const seen = new Set<string>();
  return requested.map((pair) => {
    const cidr = tryParseCidr(pair.ipAddress, true);
    if (!cidr) throw invalidInput(`'${pair.ipAddress}' is not a valid IP address or CIDR`);
    const single = !pair.ipAddress.includes("/");
    const ipAddress = single ? parseIp(pair.ipAddress).text : cidr.text;
    const macAddress = pair.macAddress === undefined ? portMac : normalizeMac(pair.macAddress);
    const key = `${ipAddress} ${macAddress}`;
    if (seen.has(key)) throw badRequest("Request contains duplicate address pair");
    seen.add(key);
    return { ip_address: ipAddress, mac_address: macAddress };
  });
}
