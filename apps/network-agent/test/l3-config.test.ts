/** What the L3 modules render (dnsmasq files, router NAT) and the metadata path guard: no namespaces needed. */
import type { DhcpSpec, NetworkSpec, RouterSpec } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { describe, expect, it } from "vitest";
import { dhcpHostname, renderDnsmasq } from "../src/driver/linux/l3/dnsmasq-config.ts";
import { ZL3Env } from "../src/driver/linux/l3/env.ts";
import { nthHost } from "../src/driver/linux/l3/ipmath.ts";
import { metadataUrl } from "../src/driver/linux/l3/metadata-forward.ts";
import { linuxL3 } from "../src/driver/linux/l3/modules.ts";
import {
  countersInListing,
  deleteStaleCounters,
  renderRouterNat,
} from "../src/driver/linux/l3/router-nft.ts";

const paths = { pidFile: "/s/pid", hostsFile: "/s/hosts", optsFile: "/s/opts", logFile: "/s/log" };
const dhcp = (over: Partial<DhcpSpec> = {}): DhcpSpec => ({
  networkId: "net-1",
  port: {
    id: "port-1",
    mac: "fa:16:3e:00:00:02",
    fixedIps: [{ subnetId: "s4", address: "10.0.0.2", prefixLength: 26, ipVersion: 4 }],
  },
  mtu: 1450,
  subnets: [
    { id: "s4", cidr: "10.0.0.0/26", ipVersion: 4, gatewayIp: null, dnsNameservers: [], hostRoutes: [] },
    {
      id: "s6",
      cidr: "fd00::/64",
      ipVersion: 6,
      gatewayIp: "fd00::1",
      dnsNameservers: ["fd00::53"],
      hostRoutes: [],
    },
  ],
  hosts: [
    { mac: "fa:16:3e:00:00:05", address: "10.0.0.5", hostname: "web.example.org" },
    { mac: "fa:16:3e:00:00:05", address: "fd00::5", hostname: "web" },
    { mac: "fa:16:3e:00:00:06", address: "10.0.0.6", hostname: "bad,name\nx" },
  ],
  metadata: false,
  generation: 3,
  ...over,
});

describe("dnsmasq configuration", () => {
  it("serves static leases only, without DNS or the host's files, IPv4 subnets only", () => {
    const { argv, hosts, opts } = renderDnsmasq(dhcp(), "ns-port-1", paths);
    expect(argv).toEqual(
      expect.arrayContaining([
        "--port=0",
        "--no-resolv",
        "--no-hosts",
        "--conf-file=/dev/null",
        "--interface=ns-port-1",
        "--dhcp-range=set:subnet-s4,10.0.0.0,static,255.255.255.192,86400s",
        "--dhcp-option-force=option:mtu,1450",
      ]),
    );
    expect(argv.filter((a) => a.startsWith("--dhcp-range"))).toHaveLength(1);
    expect(hosts).toBe("fa:16:3e:00:00:05,10.0.0.5,web\nfa:16:3e:00:00:06,10.0.0.6,bad-name-x\n");
    // No gateway and no nameservers: both options sent empty, so dnsmasq does not offer itself.
    expect(opts).toBe("tag:subnet-s4,option:router\ntag:subnet-s4,option:dns-server\n");
  });

  it("adds the metadata route via the DHCP port and, with classless routes, the default route", () => {
    const { opts } = renderDnsmasq(
      dhcp({
        metadata: true,
        subnets: [
          {
            id: "s4",
            cidr: "10.0.0.0/26",
            ipVersion: 4,
            gatewayIp: "10.0.0.1",
            dnsNameservers: ["192.0.2.53", "fd00::53"],
            hostRoutes: [{ destination: "192.168.0.0/16", nexthop: "10.0.0.3" }],
          },
        ],
      }),
      "ns-port-1",
      paths,
    );
    const routes = "192.168.0.0/16,10.0.0.3,169.254.169.254/32,10.0.0.2,0.0.0.0/0,10.0.0.1";
    expect(opts.split("\n")).toEqual([
      "tag:subnet-s4,option:router,10.0.0.1",
      "tag:subnet-s4,option:dns-server,192.0.2.53",
      `tag:subnet-s4,option:classless-static-route,${routes}`,
      `tag:subnet-s4,249,${routes}`,
      "",
    ]);
  });

  it("keeps hostnames to one DNS label", () => {
    expect(dhcpHostname("vm-1.novalocal")).toBe("vm-1");
    expect(dhcpHostname("---")).toBeNull();
    expect(dhcpHostname("a b")).toBe("a-b");
  });
});

describe("router NAT", () => {
  const router = (over: Partial<RouterSpec> = {}): RouterSpec => ({
    id: "r1",
    adminStateUp: true,
    gateway: {
      portId: "gw-port-000000",
      networkId: "ext",
      mac: "fa:16:3e:00:00:aa",
      fixedIps: [{ subnetId: "pub", address: "172.24.4.10", prefixLength: 24, ipVersion: 4 }],
      nexthop: "172.24.4.1",
    },
    enableSnat: true,
    interfaces: [
      {
        portId: "if-port-0000000",
        networkId: "t",
        mac: "fa:16:3e:00:00:bb",
        fixedIps: [{ subnetId: "priv", address: "10.0.0.1", prefixLength: 24, ipVersion: 4 }],
      },
    ],
    routes: [],
    floatingIps: [{ id: "f1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }],
    generation: 1,
    ...over,
  });

  it("DNATs floating to fixed, SNATs fixed to floating before the subnet SNAT, only out of the gateway", () => {
    const text = renderRouterNat(router());
    expect(text).toContain("ip daddr 172.24.4.50 dnat to 10.0.0.5");
    const fipSnat = text.indexOf('oifname "qg-gw-port-000" ip saddr 10.0.0.5 snat to 172.24.4.50');
    const subnetSnat = text.indexOf('oifname "qg-gw-port-000" ip saddr 10.0.0.0/24 snat to 172.24.4.10');
    expect(fipSnat).toBeGreaterThan(0);
    expect(subnetSnat).toBeGreaterThan(fipSnat);
    // The table is kept (its counters with it): chains are flushed and refilled in the same transaction.
    expect(text).not.toContain("delete table");
    expect(text).toContain("flush chain ip zenith_router prerouting");
  });

  it("counts the gateway's bytes and each floating IP's, in filter chains (a NAT chain sees one packet per connection)", () => {
    const text = renderRouterNat(router());
    for (const name of ["router-in", "router-out", "fip-in-f1", "fip-out-f1"])
      expect(text).toContain(`counter ${name} {`);
    expect(text).toContain('iifname "qg-gw-port-000" counter name "router-in"');
    expect(text).toContain('oifname "qg-gw-port-000" counter name "router-out"');
    expect(text).toContain('iifname "qg-gw-port-000" ip daddr 10.0.0.5 counter name "fip-in-f1"');
    expect(text).toContain('oifname "qg-gw-port-000" ip saddr 10.0.0.5 counter name "fip-out-f1"');
    expect(text).not.toMatch(/nat to [^\n]*counter/);
    // Without a gateway nothing is counted; an id nft would not take as a name gets NAT but no counter.
    expect(renderRouterNat(router({ gateway: null }))).not.toContain("counter");
    const odd = renderRouterNat(
      router({ floatingIps: [{ id: 'x" drop', floatingIp: "172.24.4.51", fixedIp: "10.0.0.6" }] }),
    );
    expect(odd).toContain("dnat to 10.0.0.6");
    expect(odd).not.toContain("drop");
  });

  it("deletes the counters of floating IPs gone, after the rules, and reads counter names from a listing", () => {
    const listing = [
      "table ip zenith_router {",
      "\tcounter router-in {",
      "\t}",
      "",
      "\tcounter fip-in-f1 {",
      "\t}",
      "",
      "\tcounter fip-in-gone {",
      "\t}",
      "",
      "\tchain meter-forward {",
      "\t\ttype filter hook forward priority filter; policy accept;",
      '\t\tiifname "qg-gw-port-000" ip daddr 10.0.0.5 counter name "fip-in-f1"',
      "\t}",
      "}",
      "",
    ].join("\n");
    const present = countersInListing(listing);
    expect(present).toEqual(["router-in", "fip-in-f1", "fip-in-gone"]);
    expect(deleteStaleCounters(router(), present)).toBe("delete counter ip zenith_router fip-in-gone\n");
    expect(
      deleteStaleCounters(router({ gateway: null }), present)
        .split("\n")
        .filter(Boolean),
    ).toHaveLength(3);
  });

  it("has no subnet SNAT when disabled, and no NAT at all without a gateway", () => {
    expect(renderRouterNat(router({ enableSnat: false }))).not.toContain("10.0.0.0/24");
    expect(renderRouterNat(router({ gateway: null }))).not.toMatch(/snat|dnat/);
  });
});

describe("metadata path guard", () => {
  const base = "http://127.0.0.1:8774";
  it("maps a guest path under the agent metadata prefix, query included", () => {
    expect(metadataUrl(base, "/openstack/latest/meta_data.json")?.href).toBe(
      "http://127.0.0.1:8774/agent/v1/metadata/openstack/latest/meta_data.json",
    );
    expect(metadataUrl(base, "/latest/meta-data/?x=1")?.pathname).toBe(
      "/agent/v1/metadata/latest/meta-data/",
    );
  });

  it("refuses paths that climb out of the prefix, however spelled", () => {
    for (const p of ["/../../v2.1/servers", "/%2e%2e/%2e%2e/v2.1/servers", "/a/../../../x", "/..\\..\\x"]) {
      expect(metadataUrl(base, p), p).toBeNull();
    }
    expect(metadataUrl(base, `/${"a".repeat(2000)}`)).toBeNull();
  });
});

describe("L3 settings", () => {
  it("derives the outside world's addresses from the public and link CIDRs", () => {
    const env = ZL3Env.parse({});
    expect(nthHost(env.ZENITH_PUBLIC_CIDR, 1)).toBe("172.24.4.1/24");
    expect(nthHost(env.ZENITH_OUTSIDE_LINK_CIDR, 1)).toBe("172.24.5.1/30");
    expect(nthHost(env.ZENITH_OUTSIDE_LINK_CIDR, 2)).toBe("172.24.5.2/30");
    expect(() => nthHost("172.24.5.0/30", 4)).toThrow();
    expect(() => ZL3Env.parse({ ZENITH_EXTERNAL_INTERFACE: "eth0; rm -rf /" })).toThrow();
  });

  it("gives the outside world only to the flat network of the outside physnet", async () => {
    const l3 = linuxL3({
      stateDir: "/nonexistent",
      env: ZL3Env.parse({}),
      logger: createLogger("t", "silent"),
    });
    const ctx = { netns: "zt-never-made", bridgeOf: (id: string) => `brq${id.slice(0, 11)}` };
    const other: NetworkSpec = {
      id: "n",
      type: "flat",
      segmentationId: null,
      physicalNetwork: "lab",
      mtu: 1500,
      external: false,
      peers: [],
    };
    // No command runs for it (the namespace above does not exist: any command would fail).
    await expect(l3.ensureOutside(ctx, other, "brqn")).resolves.toBeUndefined();
    await expect(l3.removeOutside(ctx, other, "brqn")).resolves.toBeUndefined();
  });
});
