/** The network agent's environment: defaults, the physnet list, and host names like the compute agent's. */
import { describe, expect, it } from "vitest";
import { hostNames, ZNetworkAgentEnv } from "../src/env.ts";

describe("network agent env", () => {
  it("defaults to auto, one host, the public physnet, and the outside world's defaults", () => {
    const env = ZNetworkAgentEnv.parse({ ZENITH_NETWORK_HOST: "h" });
    expect(env.ZENITH_NETWORK_DRIVER).toBe("auto");
    expect(env.ZENITH_NETWORK_AGENTS).toBe(1);
    expect(env.ZENITH_PHYSNETS).toEqual(["public"]);
    expect(env.ZENITH_PUBLIC_CIDR).toBe("172.24.4.0/24");
    expect(env.ZENITH_NETWORK_NETNS).toBeUndefined();
    expect(env.ZENITH_FAKE_TAPS).toBe("files");
    expect(env.ZENITH_METERING_INTERVAL_MS).toBe(10_000);
  });

  it("reads a comma-separated physnet list and refuses a bad driver, tunnel address or namespace", () => {
    expect(ZNetworkAgentEnv.parse({ ZENITH_PHYSNETS: " public, physnet2 ,," }).ZENITH_PHYSNETS).toEqual([
      "public",
      "physnet2",
    ]);
    expect(() => ZNetworkAgentEnv.parse({ ZENITH_NETWORK_DRIVER: "ovs" })).toThrow();
    expect(() => ZNetworkAgentEnv.parse({ ZENITH_TUNNEL_IP: "not-an-ip" })).toThrow();
    expect(() => ZNetworkAgentEnv.parse({ ZENITH_NETWORK_NETNS: "a b" })).toThrow();
    expect(() => ZNetworkAgentEnv.parse({ ZENITH_METERING_INTERVAL_MS: "0" })).toThrow();
  });

  it("names hosts as the compute agent does", () => {
    expect(hostNames("web", 3)).toEqual(["web", "web-2", "web-3"]);
  });
});
