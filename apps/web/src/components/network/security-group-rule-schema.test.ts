import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { portRangeLabel, protocolLabel, remoteLabel, ruleFormSchema } from "./security-group-rule-schema";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "network.validation" });
const labels = createTranslator({
  locale: "en",
  messages: messagesFor("en"),
  namespace: "network.ruleLabels",
});
const RuleFormSchema = ruleFormSchema(t);

const base = { template: "custom", direction: "ingress", ethertype: "IPv4", remoteKind: "cidr" };

describe("RuleFormSchema", () => {
  it("turns a single TCP port into a one-port range and keeps the CIDR", () => {
    const r = RuleFormSchema.safeParse({
      ...base,
      protocol: "tcp",
      portRangeMin: "8080",
      remoteCidr: "10.0.0.0/8",
    });
    expect(r.success && r.data).toMatchObject({
      portRangeMin: 8080,
      portRangeMax: 8080,
      remoteCidr: "10.0.0.0/8",
    });
  });

  it("reports a bad CIDR and a mismatched ether type on remoteCidr", () => {
    const bad = RuleFormSchema.safeParse({ ...base, protocol: "any", remoteCidr: "10.0.0.300/24" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["remoteCidr"],
      message: expect.stringMatching(/CIDR/),
    });
    const v6 = RuleFormSchema.safeParse({ ...base, protocol: "any", remoteCidr: "2001:db8::/64" });
    expect(v6.error?.issues[0]?.message).toMatch(/IPv6 range/);
    expect(
      RuleFormSchema.safeParse({ ...base, ethertype: "IPv6", remoteCidr: "2001:db8::/64" }).success,
    ).toBe(true);
  });

  it("refuses a backwards port range and a non-number port on their fields", () => {
    const back = RuleFormSchema.safeParse({
      ...base,
      protocol: "udp",
      portRangeMin: "900",
      portRangeMax: "800",
    });
    expect(back.error?.issues[0]?.path).toEqual(["portRangeMax"]);
    const nan = RuleFormSchema.safeParse({ ...base, protocol: "tcp", portRangeMin: "ssh" });
    expect(nan.error?.issues[0]?.path).toEqual(["portRangeMin"]);
    const big = RuleFormSchema.safeParse({ ...base, protocol: "icmp", portRangeMin: "300" });
    expect(big.error?.issues[0]?.path).toEqual(["portRangeMin"]);
  });

  it("needs a remote group when the remote is a group, and sends no ports for templates", () => {
    const none = RuleFormSchema.safeParse({ ...base, template: "all-from-group", remoteKind: "group" });
    expect(none.error?.issues[0]?.path).toEqual(["remoteGroupId"]);
    const ok = RuleFormSchema.safeParse({
      ...base,
      template: "ssh",
      protocol: "udp",
      portRangeMin: "1",
      remoteKind: "group",
      remoteGroupId: "g1",
      remoteCidr: "ignored",
    });
    expect(ok.success && ok.data).toMatchObject({
      template: "ssh",
      portRangeMin: null,
      portRangeMax: null,
      remoteGroupId: "g1",
      remoteCidr: undefined,
    });
  });
});

describe("rule labels", () => {
  const rule = {
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: null,
    remoteGroupId: null,
    remoteGroupName: null,
  };
  it("names protocols, ports and remotes", () => {
    expect(protocolLabel(labels, null)).toBe("Any");
    expect(protocolLabel(labels, "ipv6-icmp")).toBe("ICMPv6");
    expect(portRangeLabel(labels, rule)).toBe("22");
    expect(portRangeLabel(labels, { ...rule, portRangeMax: 25 })).toBe("22–25");
    expect(portRangeLabel(labels, { ...rule, protocol: "icmp", portRangeMin: 8, portRangeMax: 0 })).toBe(
      "type 8 code 0",
    );
    expect(portRangeLabel(labels, { ...rule, protocol: null, portRangeMin: null, portRangeMax: null })).toBe(
      "Any",
    );
    expect(remoteLabel(labels, rule)).toBe("Anywhere");
    expect(remoteLabel(labels, { ...rule, remoteGroupId: "g", remoteGroupName: "web" })).toBe("Group web");
  });
});
