import { Address4, Address6 } from "ip-address";

/** IP math through ip-address: an address or CIDR as a family and a numeric range. */
export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

/** "10.0.0.0/24" (or a bare address) as its numeric range; null when unparsable. */
export function rangeOf(text: string): IpRange | null {
  if (Address4.isValid(text)) {
    const a = new Address4(text);
    return { version: 4, first: a.startAddress().bigInt(), last: a.endAddress().bigInt() };
  }
  if (Address6.isValid(text)) {
    const a = new Address6(text);
    return { version: 6, first: a.startAddress().bigInt(), last: a.endAddress().bigInt() };
  }
  return null;
}

/** Is the bare address `address` inside `cidr`? */
export function cidrContains(cidr: string, address: string): boolean {
  if (address.includes("/")) return false;
  const net = rangeOf(cidr);
  const ip = rangeOf(address);
  return (
    net !== null && ip !== null && net.version === ip.version && ip.first >= net.first && ip.first <= net.last
  );
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = rangeOf(a);
  const y = rangeOf(b);
  return x !== null && y !== null && x.version === y.version && x.first <= y.last && y.first <= x.last;
}

/** "10.1.0.7/24" → "10.1.0.0/24"; null when not an address or CIDR. */
export function normalizeCidr(text: string): string | null {
  if (Address4.isValid(text)) {
    const a = new Address4(text);
    return `${a.startAddress().correctForm()}/${a.subnetMask}`;
  }
  if (Address6.isValid(text)) {
    const a = new Address6(text);
    return `${a.startAddress().correctForm()}/${a.subnetMask}`;
  }
  return null;
}

/** The address of numeric value `value` in the family. */
export function addressAt(version: 4 | 6, value: bigint): string {
  return version === 4 ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}
