import { describe, expect, it } from "vitest";
import { ZRemoveInterfaceRequestSchema } from "../src/routers/network/routers/removeInterface.types.ts";
import { ZRouteInputSchema } from "../src/routers/network/routers/router.types.ts";
import { cidrsOverlap } from "../src/services/network/router-options.ts";

describe("router inputs", () => {
  it("checks a static route's CIDR, address and family", () => {
    expect(ZRouteInputSchema.safeParse({ destination: "192.168.0.0/24", nexthop: "10.0.0.5" }).success).toBe(
      true,
    );
    expect(
      ZRouteInputSchema.safeParse({ destination: "2001:db8::/64", nexthop: "2001:db8:1::1" }).success,
    ).toBe(true);
    const issues = (v: unknown) =>
      ZRouteInputSchema.safeParse(v).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ destination: "192.168.0.0", nexthop: "10.0.0.5" })).toEqual(["destination"]);
    expect(issues({ destination: "192.168.0.0/24", nexthop: "10.0.0.5/32" })).toEqual(["nexthop"]);
    expect(issues({ destination: "192.168.0.0/24", nexthop: "2001:db8::1" })).toEqual(["nexthop"]);
  });

  it("removes an interface by subnet or by port, not both or neither", () => {
    expect(ZRemoveInterfaceRequestSchema.safeParse({ routerId: "r", subnetId: "s" }).success).toBe(true);
    expect(ZRemoveInterfaceRequestSchema.safeParse({ routerId: "r", portId: "p" }).success).toBe(true);
    expect(ZRemoveInterfaceRequestSchema.safeParse({ routerId: "r" }).success).toBe(false);
    expect(
      ZRemoveInterfaceRequestSchema.safeParse({ routerId: "r", subnetId: "s", portId: "p" }).success,
    ).toBe(false);
  });

  it("finds overlapping subnets of one family only", () => {
    expect(cidrsOverlap("10.20.0.0/24", "10.20.0.128/25")).toBe(true);
    expect(cidrsOverlap("10.20.0.128/25", "10.20.0.0/24")).toBe(true);
    expect(cidrsOverlap("10.20.0.0/24", "10.21.0.0/24")).toBe(false);
    expect(cidrsOverlap("2001:db8::/32", "2001:db8:1::/48")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/8", "2001:db8::/32")).toBe(false);
  });
});
