import { inSubnet, networkCidrOf, parseCidr, parseIp, versionOf } from "@zenith/net-rules/ip";

/** Text-level address and CIDR checks of the router forms, over the shared `@zenith/net-rules`. */

export const isIpAddress = (text: string): boolean => parseIp(text) !== null;

export const isCidr = (text: string): boolean => parseCidr(text) !== null;

export function ipVersionOf(text: string): 4 | 6 | null {
  const parsed = parseIp(text) ?? parseCidr(text);
  return parsed ? versionOf(parsed) : null;
}

/** "192.168.1.7/24" → "192.168.1.0/24": the network a CIDR names; null when not a CIDR. */
export function networkOf(cidr: string): string | null {
  const parsed = parseCidr(cidr);
  return parsed ? networkCidrOf(parsed) : null;
}

/** Is the bare address inside the CIDR (same family)? */
export function cidrContains(cidr: string, address: string): boolean {
  const net = parseCidr(cidr);
  const ip = parseIp(address);
  return net !== null && ip !== null && inSubnet(ip, net);
}
