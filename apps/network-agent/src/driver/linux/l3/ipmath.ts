/** The little address arithmetic the L3 modules need, all through `ip-address`. */
import { Address4, Address6 } from "ip-address";

function parse(text: string): Address4 | Address6 {
  if (Address4.isValid(text)) return new Address4(text);
  if (Address6.isValid(text)) return new Address6(text);
  throw new Error(`not an IP address: ${text}`);
}

export const isIPv4 = (text: string): boolean => Address4.isValid(text);

/** "10.0.0.5/24" → "10.0.0.5/24", "169.254.169.254" → "169.254.169.254/32" (host bits kept). */
export function normalizeCidr(text: string): string {
  const a = parse(text);
  return `${a.correctForm()}/${a.subnetMask}`;
}

/** The network an address sits in: ("10.0.0.5", 24) → "10.0.0.0/24". */
export function networkOf(address: string, prefixLength: number): string {
  const a = parse(`${address}/${prefixLength}`);
  return `${a.startAddress().correctForm()}/${prefixLength}`;
}

/** "10.0.0.0/24" → { network: "10.0.0.0", netmask: "255.255.255.0" } (IPv4 only: dnsmasq's range syntax). */
export function ipv4Range(cidr: string): { network: string; netmask: string } {
  const a = new Address4(cidr);
  return { network: a.startAddress().correctForm(), netmask: a.subnetMaskAddress().correctForm() };
}

/** The n-th address of an IPv4 network with its prefix: ("172.24.4.0/24", 1) → "172.24.4.1/24". */
export function nthHost(cidr: string, n: number): string {
  const net = new Address4(cidr);
  const addr = Address4.fromBigInt(net.startAddress().bigInt() + BigInt(n));
  if (!addr.isInSubnet(net)) throw new Error(`${cidr} has no address number ${n}`);
  return `${addr.correctForm()}/${net.subnetMask}`;
}
