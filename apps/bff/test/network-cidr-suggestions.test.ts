import { describe, expect, it } from "vitest";
import { suggestCidrs } from "../src/services/network/cidr-suggestions.ts";
import { subnetFieldOf } from "../src/services/network/subnet-errors.ts";

describe("suggestCidrs", () => {
  it("draws from each private range when nothing is taken", () => {
    expect(suggestCidrs([], 24, 4)).toEqual(["10.0.0.0/24", "10.0.1.0/24", "172.16.0.0/24", "172.16.1.0/24"]);
  });

  it("skips every candidate that overlaps a used subnet, larger or smaller", () => {
    const got = suggestCidrs(["10.0.0.0/26", "10.0.1.128/25", "10.0.2.0/23", "172.16.0.0/16"], 24, 3);
    expect(got).toEqual(["10.0.4.0/24", "10.0.5.0/24", "172.17.0.0/24"]);
  });

  it("ignores IPv6 and unparsable entries and keeps the prefix length asked for", () => {
    expect(suggestCidrs(["fd00::/64", "nonsense"], 16, 2)).toEqual(["10.0.0.0/16", "10.1.0.0/16"]);
  });

  it("never suggests a prefix larger than a range holds", () => {
    expect(suggestCidrs([], 9, 4)).toEqual(["10.0.0.0/9", "10.128.0.0/9"]);
  });

  it("returns fewer when the ranges are full", () => {
    expect(suggestCidrs(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/17"], 17, 4)).toEqual([
      "192.168.128.0/17",
    ]);
  });
});

describe("subnetFieldOf", () => {
  it("maps Neutron's messages to the subnet form's fields", () => {
    expect(
      subnetFieldOf("Requested subnet with cidr: 10.0.0.0/24 for network: x overlaps with another subnet"),
    ).toBe("cidr");
    expect(subnetFieldOf("Gateway ip 10.0.0.10 conflicts with allocation pool 10.0.0.10-10.0.0.20")).toBe(
      "gatewayIp",
    );
    expect(
      subnetFieldOf("The allocation pool 10.1.0.2-10.1.0.9 spans beyond the subnet cidr 10.0.0.0/24."),
    ).toBe("allocationPools");
    expect(subnetFieldOf("Invalid input for dns_nameservers")).toBe("dnsNameservers");
  });
});
