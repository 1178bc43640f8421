import { Address4, Address6 } from "ip-address";

/**
 * Address and CIDR checks shared by the BFF (which refuses what Neutron
 * would refuse before calling it) and the portal's forms (which say so
 * while the user types), on `ip-address`, the control plane's library, so
 * all three agree on what an address is.
 */
export type Ip = Address4 | Address6;

export function parseIp(text: string): Ip | null {
  const t = text.trim();
  if (t === "" || t.includes("/")) return null;
  if (Address4.isValid(t)) return new Address4(t);
  if (Address6.isValid(t)) return new Address6(t);
  return null;
}

export function parseCidr(text: string): Ip | null {
  const t = text.trim();
  // Bounded and anchored: only hex digits, dots and colons before one prefix length.
  if (!/^[0-9a-fA-F.:]{1,45}\/\d{1,3}$/.test(t)) return null;
  if (Address4.isValid(t)) return new Address4(t);
  if (Address6.isValid(t)) return new Address6(t);
  return null;
}

export const versionOf = (ip: Ip): 4 | 6 => (ip instanceof Address4 ? 4 : 6);

/** `10.0.0.5/24` is a host, not a network: Neutron wants `10.0.0.0/24`. */
export function networkCidrOf(cidr: Ip): string {
  return `${cidr.startAddress().correctForm()}/${cidr.subnetMask}`;
}

export const isNetworkAddress = (cidr: Ip): boolean => cidr.startAddress().bigInt() === cidr.bigInt();

export function inSubnet(ip: Ip, cidr: Ip): boolean {
  const value = ip.bigInt();
  return (
    versionOf(ip) === versionOf(cidr) &&
    value >= cidr.startAddress().bigInt() &&
    value <= cidr.endAddress().bigInt()
  );
}

export function overlaps(a: Ip, b: Ip): boolean {
  if (versionOf(a) !== versionOf(b)) return false;
  return (
    a.startAddress().bigInt() <= b.endAddress().bigInt() &&
    b.startAddress().bigInt() <= a.endAddress().bigInt()
  );
}

/** The address Neutron makes the gateway by default: the first after the network address. */
export function defaultGateway(cidrText: string): string | null {
  const cidr = parseCidr(cidrText);
  if (!cidr || !isNetworkAddress(cidr)) return null;
  return cidr.startAddress().offset(1).correctForm();
}
