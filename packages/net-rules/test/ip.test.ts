import { describe, expect, it } from "vitest";
import {
  defaultGateway,
  inSubnet,
  isNetworkAddress,
  networkCidrOf,
  overlaps,
  parseCidr,
  parseIp,
  versionOf,
} from "../src/ip.ts";

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR: ${text}`);
  return parsed;
};

describe("address and CIDR checks", () => {
  it("parses addresses and CIDRs of both versions and refuses the rest", () => {
    expect(parseIp("10.0.0.1")?.correctForm()).toBe("10.0.0.1");
    expect(versionOf(cidr("fd00::/64"))).toBe(6);
    for (const bad of ["", "10.0.0.0/24", "10.0.0.256", "host"]) expect(parseIp(bad)).toBeNull();
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", `${"1".repeat(60)}/8`, "a b/8"]) {
      expect(parseCidr(bad)).toBeNull();
    }
  });

  it("tells a network address from a host and names the network", () => {
    expect(isNetworkAddress(cidr("10.0.0.0/24"))).toBe(true);
    expect(isNetworkAddress(cidr("10.0.0.5/24"))).toBe(false);
    expect(networkCidrOf(cidr("10.0.0.5/24"))).toBe("10.0.0.0/24");
  });

  it("checks membership and overlap, never across versions", () => {
    const net = cidr("192.168.10.0/24");
    expect(inSubnet(parseIp("192.168.10.254") ?? net, net)).toBe(true);
    expect(inSubnet(parseIp("192.168.11.1") ?? net, net)).toBe(false);
    expect(overlaps(net, cidr("192.168.0.0/16"))).toBe(true);
    expect(overlaps(net, cidr("192.168.11.0/24"))).toBe(false);
    expect(overlaps(cidr("::/0"), net)).toBe(false);
  });

  it("gives Neutron's default gateway, only for a network address", () => {
    expect(defaultGateway("10.1.2.0/24")).toBe("10.1.2.1");
    expect(defaultGateway("10.1.2.7/24")).toBeNull();
    expect(defaultGateway("nonsense")).toBeNull();
  });
});
