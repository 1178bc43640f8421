import { Address4, Address6 } from "ip-address";

/** Address and CIDR checks for the network forms, on `ip-address` (the BFF and the cloud use it too). */
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
  if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(t)) return null;
  if (Address4.isValid(t)) return new Address4(t);
  if (Address6.isValid(t)) return new Address6(t);
  return null;
}

export const versionOf = (ip: Ip): 4 | 6 => (ip instanceof Address4 ? 4 : 6);

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

/** The address Neutron makes the gateway by default: the first after the network address. */
export function defaultGateway(cidrText: string): string | null {
  const cidr = parseCidr(cidrText);
  if (!cidr || !isNetworkAddress(cidr)) return null;
  return cidr.startAddress().offset(1).correctForm();
}
