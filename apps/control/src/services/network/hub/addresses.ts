import { Address4, Address6 } from "ip-address";

/** The prefix length of a subnet's CIDR ("10.0.0.0/24" → 24). */
export function prefixLengthOf(cidr: string): number {
  return Address4.isValid(cidr) ? new Address4(cidr).subnetMask : new Address6(cidr).subnetMask;
}

/** 4 or 6; null when `address` is neither. */
export function ipVersionOf(address: string): 4 | 6 | null {
  if (Address4.isValid(address)) return 4;
  if (Address6.isValid(address)) return 6;
  return null;
}

/** Neutron's DHCP host name for a port with no name of its own: "host-10-0-0-5". */
export function defaultHostname(address: string): string {
  return `host-${address.replace(/[.:]/g, "-")}`;
}

/** An instance's host name as a DNS label dnsmasq accepts (at most 63 characters). */
export function dnsLabel(name: string): string | null {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label === "" ? null : label;
}
