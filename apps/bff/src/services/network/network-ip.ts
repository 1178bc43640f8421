import { Address4, Address6 } from "ip-address";

/**
 * CIDR and address checks for networks and subnets, on `ip-address` (the
 * control plane's library), so the BFF refuses what Neutron would refuse
 * before a call, with the same wording users see in the form.
 */
export type Ip = Address4 | Address6;

export function parseIp(text: string): Ip | null {
  const t = text.trim();
  if (t.includes("/")) return null;
  if (Address4.isValid(t)) return new Address4(t);
  if (Address6.isValid(t)) return new Address6(t);
  return null;
}

export function parseCidr(text: string): Ip | null {
  const t = text.trim();
  if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(t)) return null;
  if (Address4.isValid(t)) return new Address4(t);
  if (Address6.isValid(t)) return new Address6(t);
  return null;
}

export const versionOf = (ip: Ip): 4 | 6 => (ip instanceof Address4 ? 4 : 6);

/** `10.0.0.5/24` is a host, not a network: Neutron wants `10.0.0.0/24`. */
export function networkCidrOf(cidr: Ip): string {
  return `${cidr.startAddress().correctForm()}/${cidr.subnetMask}`;
}

export function isNetworkAddress(cidr: Ip): boolean {
  return cidr.startAddress().bigInt() === cidr.bigInt();
}

export function inSubnet(ip: Ip, cidr: Ip): boolean {
  return (
    versionOf(ip) === versionOf(cidr) &&
    ip.bigInt() >= cidr.startAddress().bigInt() &&
    ip.bigInt() <= cidr.endAddress().bigInt()
  );
}

export function overlaps(a: Ip, b: Ip): boolean {
  if (versionOf(a) !== versionOf(b)) return false;
  return (
    a.startAddress().bigInt() <= b.endAddress().bigInt() &&
    b.startAddress().bigInt() <= a.endAddress().bigInt()
  );
}
