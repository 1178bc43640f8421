import { describe, expect, it } from "vitest";
import {
  firstFreeBlock,
  mergePrefixes,
  parsePrefix,
  versionOf,
} from "../src/services/network/subnet-pools/prefixes.ts";

const cidrs = (list: { cidr: string }[] | null) => list?.map((p) => p.cidr) ?? null;
const parse = (...list: string[]) => list.map(parsePrefix);

describe("subnet pool prefixes", () => {
  it("normalizes host bits away and refuses what is not a CIDR", () => {
    expect(parsePrefix("10.1.2.3/16").cidr).toBe("10.1.0.0/16");
    expect(parsePrefix("2001:db8::1/64").cidr).toBe("2001:db8::/64");
    expect(() => parsePrefix("10.0.0.0")).toThrow(/not a valid IP subnet/);
    expect(() => parsePrefix("10.0.0.0/33")).toThrow(/not a valid IP subnet/);
    expect(() => parsePrefix("nonsense/8")).toThrow(/not a valid IP subnet/);
  });

  it("merges adjacent siblings and drops contained prefixes, as Neutron's add_prefixes answers", () => {
    // upstream sample: subnetpool-add-prefixes-request/response.json
    const merged = mergePrefixes(parse("192.168.0.0/24", "192.168.1.0/24", "172.16.0.0/21", "172.16.1.0/24"));
    expect(cidrs(merged)).toEqual(["172.16.0.0/21", "192.168.0.0/23"]);
    // Adjacent but not siblings: 10.0.1.0/24 + 10.0.2.0/24 is no /23.
    expect(cidrs(mergePrefixes(parse("10.0.2.0/24", "10.0.1.0/24")))).toEqual(["10.0.1.0/24", "10.0.2.0/24"]);
    // Four /24s collapse in two rounds into one /22.
    expect(cidrs(mergePrefixes(parse("10.0.3.0/24", "10.0.0.0/24", "10.0.2.0/24", "10.0.1.0/24")))).toEqual([
      "10.0.0.0/22",
    ]);
  });

  it("refuses to mix IPv4 and IPv6 prefixes in one pool", () => {
    expect(versionOf(parse("10.0.0.0/8"))).toBe(4);
    expect(versionOf(parse("2001:db8::/32"))).toBe(6);
    expect(() => versionOf(parse("10.0.0.0/8", "2001:db8::/32"))).toThrow(/Cannot mix/);
  });

  it("finds the lowest free aligned block and skips what is taken", () => {
    const pool = parse("10.10.0.0/22", "192.168.0.0/24");
    expect(cidrs([firstFreeBlock(pool, [], 24) ?? { cidr: "none" }])).toEqual(["10.10.0.0/24"]);
    const used = parse("10.10.0.0/24", "10.10.1.128/25");
    expect(firstFreeBlock(pool, used, 24)?.cidr).toBe("10.10.2.0/24");
    expect(firstFreeBlock(pool, used, 25)?.cidr).toBe("10.10.1.0/25");
    // A block larger than any pool prefix never fits.
    expect(firstFreeBlock(pool, [], 21)).toBeNull();
    // Full: every /24 of both prefixes taken.
    const full = parse("10.10.0.0/22", "192.168.0.0/24");
    expect(firstFreeBlock(pool, full, 26)).toBeNull();
    // The second prefix is used once the first is full.
    expect(firstFreeBlock(pool, parse("10.10.0.0/22"), 26)?.cidr).toBe("192.168.0.0/26");
  });

  it("allocates from IPv6 pools", () => {
    const pool = parse("2001:db8::/62");
    expect(firstFreeBlock(pool, parse("2001:db8::/64"), 64)?.cidr).toBe("2001:db8:0:1::/64");
  });
});
