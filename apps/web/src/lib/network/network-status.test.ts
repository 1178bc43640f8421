import { describe, expect, it } from "vitest";
import { networkStatusLabel, networkStatusTone, portOwnerKey } from "./network-status";

describe("network statuses and port owners", () => {
  it("names each known owner kind by its message key", () => {
    expect(portOwnerKey("instance")).toBe("instance");
    expect(portOwnerKey("router-interface")).toBe("routerInterface");
    expect(portOwnerKey("floating-ip")).toBe("floatingIp");
    expect(portOwnerKey("none")).toBe("none");
  });

  it("has no key for an unknown kind, not even one an object inherits", () => {
    expect(portOwnerKey("compute:nova")).toBeNull();
    expect(portOwnerKey("toString")).toBeNull();
  });

  it("humanizes a status the messages do not name, and tones it muted", () => {
    expect(networkStatusLabel("PENDING_CREATE")).toBe("Pending create");
    expect(networkStatusTone("PENDING_CREATE")).toBe("muted");
    expect(networkStatusTone("ACTIVE")).toBe("success");
  });
});
