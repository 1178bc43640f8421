import { Address4, Address6 } from "ip-address";

/**
 * Address and CIDR checks of the router forms, through ip-address (the
 * control plane's library), so the portal and Neutron agree on what parses.
 */

type Parsed = Address4 | Address6;

function parse(text: string): Parsed | null {
  if (Address4.isValid(text)) return new Address4(text);
  if (Address6.isValid(text)) return new Address6(text);
  return null;
}

export function isIpAddress(text: string): boolean {
  return !text.includes("/") && parse(text) !== null;
}

export function isCidr(text: string): boolean {
  return text.includes("/") && parse(text) !== null;
}

export function ipVersionOf(text: string): 4 | 6 | null {
  const parsed = parse(text);
  if (!parsed) return null;
  return parsed instanceof Address4 ? 4 : 6;
}

/** "192.168.1.7/24" → "192.168.1.0/24": the network a CIDR names; null when not a CIDR. */
export function networkOf(cidr: string): string | null {
  if (!isCidr(cidr)) return null;
  const parsed = parse(cidr);
  if (!parsed) return null;
  return `${parsed.startAddress().correctForm()}/${parsed.subnetMask}`;
}

/** Is the bare address inside the CIDR (same family)? */
export function cidrContains(cidr: string, address: string): boolean {
  const net = parse(cidr);
  const ip = isIpAddress(address) ? parse(address) : null;
  if (!net || !ip) return false;
  if (net instanceof Address4 && ip instanceof Address4) return ip.isInSubnet(net);
  if (net instanceof Address6 && ip instanceof Address6) return ip.isInSubnet(net);
  return false;
}
