import { describe, expect, it } from "vitest";
import {
  agentQuery,
  type NetworkAgentDto,
  neutronTimeToIso,
  pageAgents,
} from "../src/services/admin/network-agents.ts";
import {
  limitsFromNeutron,
  limitsToNeutron,
  usageFromDetails,
} from "../src/services/admin/network-quotas.ts";

const agent = (over: Partial<NetworkAgentDto>): NetworkAgentDto => ({
  id: "a",
  type: "L3 agent",
  binary: "neutron-l3-agent",
  host: "h1",
  alive: true,
  adminStateUp: true,
  heartbeatAt: null,
  startedAt: null,
  availabilityZone: null,
  description: null,
  ...over,
});

describe("neutronTimeToIso", () => {
  it("reads Neutron's zone-less time as UTC", () => {
    expect(neutronTimeToIso("2017-09-12 19:40:08")).toBe("2017-09-12T19:40:08.000Z");
  });
  it("keeps a zoned time's instant", () => {
    expect(neutronTimeToIso("2017-09-12T21:40:08+02:00")).toBe("2017-09-12T19:40:08.000Z");
  });
  it("gives null for nothing or nonsense", () => {
    expect(neutronTimeToIso(null)).toBeNull();
    expect(neutronTimeToIso("")).toBeNull();
    expect(neutronTimeToIso("soon")).toBeNull();
  });
});

describe("agentQuery", () => {
  it("sends false filters as the string Neutron reads, not as an absent key", () => {
    expect(agentQuery({ page: 1, pageSize: 20, alive: false, adminStateUp: false })).toEqual({
      alive: "false",
      admin_state_up: "false",
    });
    expect(agentQuery({ page: 1, pageSize: 20, type: "DHCP agent", host: "h" })).toEqual({
      agent_type: "DHCP agent",
      host: "h",
    });
  });
});

describe("pageAgents", () => {
  const agents = [
    agent({ id: "1", host: "b", heartbeatAt: "2026-01-01T00:00:02.000Z" }),
    agent({ id: "2", host: "a", type: "DHCP agent", heartbeatAt: null }),
    agent({ id: "3", host: "c", binary: "neutron-dhcp-agent", heartbeatAt: "2026-01-01T00:00:01.000Z" }),
  ];

  it("matches the text in host, type or binary", () => {
    expect(pageAgents(agents, { page: 1, pageSize: 20, q: "DHCP" }).items.map((a) => a.id)).toEqual([
      "2",
      "3",
    ]);
  });

  it("sorts with agents never heard from last in both directions", () => {
    const asc = pageAgents(agents, { page: 1, pageSize: 20, sort: "heartbeatAt", dir: "asc" });
    expect(asc.items.map((a) => a.id)).toEqual(["3", "1", "2"]);
    const desc = pageAgents(agents, { page: 1, pageSize: 20, sort: "heartbeatAt", dir: "desc" });
    expect(desc.items.map((a) => a.id)).toEqual(["1", "3", "2"]);
  });

  it("pages after sorting and counts the total", () => {
    expect(pageAgents(agents, { page: 2, pageSize: 2 })).toMatchObject({
      total: 3,
      items: [{ id: "3" }],
    });
  });
});

describe("network quota keys", () => {
  it("maps between Neutron's keys and the portal's, dropping what the portal does not edit", () => {
    expect(limitsFromNeutron({ network: 10, floatingip: -1, rbac_policy: 5 })).toEqual({
      networks: 10,
      floatingIps: -1,
    });
    expect(limitsToNeutron({ securityGroupRules: 100, ports: 0 })).toEqual({
      security_group_rule: 100,
      port: 0,
    });
    expect(usageFromDetails({ router: { used: 1, limit: 10, reserved: 0 } })).toEqual({
      routers: { used: 1, limit: 10 },
    });
  });
});
