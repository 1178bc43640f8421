/**
 * Every kind of security group rule Neutron accepts becomes nftables that
 * the kernel takes (loaded into a throwaway namespace), and rules that can
 * match nothing (a remote group without members of that family) vanish.
 */
import type { PortSpec, SecurityRule } from "@zenith/agent-protocol/network";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/driver/linux/exec.ts";
import { baseRuleset, portRuleset, removePortRuleset, ruleMatch } from "../src/driver/linux/firewall.ts";
import { probeLinuxNetworking } from "../src/driver/linux/probe.ts";
import { Namespaces } from "./netns.ts";
import { port } from "./specs.ts";

const probe = await probeLinuxNetworking();

const rule = (r: Partial<SecurityRule>): SecurityRule => ({
  direction: "ingress",
  ethertype: "IPv4",
  protocol: null,
  portRangeMin: null,
  portRangeMax: null,
  remotePrefixes: null,
  ...r,
});

const rules: SecurityRule[] = [
  rule({ protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }),
  rule({
    protocol: "tcp",
    portRangeMin: 8000,
    portRangeMax: 8080,
    remotePrefixes: ["10.1.2.3/16", "192.0.2.7"],
  }),
  rule({ protocol: "udp", portRangeMin: 53, portRangeMax: null }),
  rule({ protocol: "icmp", portRangeMin: 8, portRangeMax: 0 }),
  rule({ protocol: "icmp" }),
  rule({ ethertype: "IPv6", protocol: "icmp", portRangeMin: 128 }),
  rule({ ethertype: "IPv6", protocol: "ipv6-icmp" }),
  rule({ ethertype: "IPv6", protocol: "tcp", remotePrefixes: ["2001:db8::5/64"] }),
  rule({ protocol: "132" }),
  rule({ protocol: "sctp", portRangeMin: 9, portRangeMax: 10 }),
  rule({ protocol: "gre" }),
  rule({ direction: "egress" }),
  rule({ direction: "egress", ethertype: "IPv6" }),
  rule({ direction: "egress", protocol: "tcp", remotePrefixes: ["198.51.100.0/24"] }),
];

describe("security group rules to nftables", () => {
  it("turns a rule into a match, and a remote group without members of the family into nothing", () => {
    expect(ruleMatch(rule({ protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }))).toBe(
      "meta nfproto ipv4 meta l4proto 6 th dport 22",
    );
    expect(
      ruleMatch(rule({ protocol: "icmp", portRangeMin: 8, portRangeMax: 0, remotePrefixes: ["10.1.2.3/8"] })),
    ).toBe("meta nfproto ipv4 ip saddr { 10.0.0.0/8 } meta l4proto 1 icmp type 8 icmp code 0");
    expect(ruleMatch(rule({ direction: "egress", ethertype: "IPv6", protocol: "icmp" }))).toBe(
      "meta nfproto ipv6 meta l4proto 58",
    );
    expect(ruleMatch(rule({ remotePrefixes: ["2001:db8::1"] }))).toBeNull();
    expect(ruleMatch(rule({ remotePrefixes: [] }))).toBeNull();
    expect(() => ruleMatch(rule({ protocol: "nonsense" }))).toThrow(/unknown protocol/);
  });

  describe.skipIf(!probe.ok)(
    `in the kernel${probe.ok ? "" : ` (skipped: this process cannot change networking: ${probe.reason})`}`,
    () => {
      const ns = new Namespaces();
      let netns = "";
      beforeAll(async () => {
        netns = await ns.add("fw");
      });
      afterAll(() => ns.removeAll());

      it("loads a port with every kind of rule and allowed address pairs, replaces it, and removes it", async () => {
        const spec: PortSpec = {
          ...port("fw-port-0001", "net", { address: "10.0.0.5", securityRules: rules }),
          fixedIps: [
            { subnetId: "s4", address: "10.0.0.5", prefixLength: 24, ipVersion: 4 },
            { subnetId: "s6", address: "2001:db8::5", prefixLength: 64, ipVersion: 6 },
          ],
          allowedAddressPairs: [{ ipAddress: "10.0.9.0/24", macAddress: "fa:16:3e:00:00:02" }],
        };
        await run(["nft", "-f", "-"], { netns, input: baseRuleset() + portRuleset(spec, 7) });
        const loaded = await run(["nft", "list", "ruleset"], { netns });
        expect(loaded).toContain("chain ingress-7");
        expect(loaded).toContain("tcp dport 8000-8080");
        expect(loaded).toContain("10.0.9.0/24");
        // Applying again (a restart, a resync) converges: the same rules, once.
        await run(["nft", "-f", "-"], { netns, input: baseRuleset() + portRuleset(spec, 7) });
        const again = await run(["nft", "list", "ruleset"], { netns });
        expect(again).toBe(loaded);
        await run(["nft", "-f", "-"], { netns, input: baseRuleset() + removePortRuleset(spec.device, 7) });
        const removed = await run(["nft", "list", "ruleset"], { netns });
        expect(removed).not.toContain("-7");
        expect(removed).not.toContain(spec.device);
        // Removing what is not there is not an error.
        await run(["nft", "-f", "-"], { netns, input: baseRuleset() + removePortRuleset(spec.device, 7) });
      });
    },
  );
});
