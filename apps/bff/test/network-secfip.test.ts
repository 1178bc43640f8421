import { describe, expect, it } from "vitest";
import { ZAddRuleRequest } from "../src/routers/network/securityGroups/addRule.types.ts";
import { RULE_TEMPLATES, remoteCidrProblem } from "../src/services/network/rule-templates.ts";
import { sortAndPage } from "../src/services/network/secfip-common.ts";
import { rulesFor } from "../src/services/network/security-groups.ts";

const base = { securityGroupId: "sg", template: "custom", direction: "ingress", ethertype: "IPv4" } as const;

describe("rule templates", () => {
  it("offers SSH, ICMP, HTTP, HTTPS, DNS, RDP and all-from-a-group", () => {
    expect(RULE_TEMPLATES.map((t) => t.id)).toEqual([
      "ssh",
      "icmp",
      "http",
      "https",
      "dns",
      "rdp",
      "all-from-group",
    ]);
  });

  it("expands a template into Neutron rules with the chosen remote", () => {
    const dns = rulesFor({ ...base, template: "dns", protocol: "any", remoteCidr: "10.0.0.0/8" });
    expect(dns.map((r) => [r.protocol, r.port_range_min, r.port_range_max, r.remote_ip_prefix])).toEqual([
      ["udp", 53, 53, "10.0.0.0/8"],
      ["tcp", 53, 53, "10.0.0.0/8"],
    ]);
    const group = rulesFor({ ...base, template: "all-from-group", protocol: "any", remoteGroupId: "g2" });
    expect(group).toEqual([
      expect.objectContaining({ protocol: null, remote_group_id: "g2", remote_ip_prefix: null }),
    ]);
  });

  it("defaults the remote to everything of the ether type, and ICMP becomes ipv6-icmp on IPv6", () => {
    const [v6] = rulesFor({ ...base, template: "icmp", ethertype: "IPv6", protocol: "any" });
    expect(v6).toMatchObject({ protocol: "ipv6-icmp", ethertype: "IPv6", remote_ip_prefix: "::/0" });
    const [custom] = rulesFor({ ...base, protocol: "tcp", portRangeMin: 80, portRangeMax: 81 });
    expect(custom).toMatchObject({ port_range_min: 80, port_range_max: 81, remote_ip_prefix: "0.0.0.0/0" });
  });
});

describe("addRule input", () => {
  const issues = (input: unknown) =>
    (ZAddRuleRequest.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

  it("names the field of each mistake", () => {
    expect(issues({ ...base, protocol: "any", remoteCidr: "300.0.0.0/8" })[0]?.[0]).toBe("remoteCidr");
    expect(issues({ ...base, protocol: "any", remoteCidr: "10.0.0.0/8", remoteGroupId: "g" })[0]?.[0]).toBe(
      "remoteCidr",
    );
    expect(issues({ ...base, protocol: "tcp", portRangeMin: 22 })[0]?.[0]).toBe("portRangeMax");
    expect(issues({ ...base, protocol: "any", portRangeMin: 22, portRangeMax: 22 })[0]?.[0]).toBe(
      "portRangeMin",
    );
    expect(issues({ ...base, protocol: "icmp", portRangeMin: 256 })[0]?.[0]).toBe("portRangeMin");
    expect(issues({ ...base, template: "all-from-group" })[0]?.[0]).toBe("remoteGroupId");
    expect(issues({ ...base, template: "ssh", remoteCidr: "0.0.0.0/0" })).toEqual([]);
  });

  it("checks a remote CIDR against the ether type", () => {
    expect(remoteCidrProblem("10.0.0.0/24", "IPv4")).toBeNull();
    expect(remoteCidrProblem("10.0.0.0/24", "IPv6")).toMatch(/IPv4 range/);
    expect(remoteCidrProblem("2001:db8::/32", "IPv4")).toMatch(/IPv6 range/);
    expect(remoteCidrProblem("10.0.0.0/33", "IPv4")).toMatch(/CIDR form/);
  });
});

describe("sortAndPage", () => {
  const rows = [
    { id: "a", name: "web-10", n: 3 },
    { id: "b", name: "web-2", n: 1 },
    { id: "c", name: "db", n: 3 },
  ];
  const value = (r: (typeof rows)[number], key: "name" | "n") => r[key];
  it("filters by substring, sorts naturally with ties by id, and pages with a total", () => {
    const page = sortAndPage(rows, { page: 1, pageSize: 2, q: "WEB" }, "name", value, (r) => [r.name]);
    expect(page).toEqual({ items: [rows[1], rows[0]], total: 2, page: 1, pageSize: 2 });
    const byN = sortAndPage(rows, { page: 2, pageSize: 2, sort: "n", dir: "desc" }, "name", value, (r) => [
      r.name,
    ]);
    expect(byN.items.map((r) => r.id)).toEqual(["b"]);
  });
});
