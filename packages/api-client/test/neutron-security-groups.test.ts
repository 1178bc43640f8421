import { describe, expect, it } from "vitest";
import { createNeutronClient } from "../src/neutron/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

const rule = {
  id: "r1",
  security_group_id: "sg1",
  direction: "ingress",
  ethertype: "IPv4",
  protocol: "tcp",
  port_range_min: 22,
  port_range_max: 22,
  remote_ip_prefix: "0.0.0.0/0",
  remote_group_id: null,
};

describe("Neutron security groups", () => {
  it("calls /security-groups but reads the security_groups key (the URL and JSON names differ)", async () => {
    const { fetch, calls } = fakeFetch([
      {
        path: "/networking/v2.0/security-groups?project_id=p1",
        body: { security_groups: [{ id: "sg1", name: "default", security_group_rules: [rule] }] },
      },
      {
        method: "POST",
        path: "/networking/v2.0/security-group-rules",
        status: 201,
        body: { security_group_rule: rule },
      },
      { path: "/networking/v2.0/security-group-rules", body: { security_group_rules: [rule] } },
    ]);
    const neutron = createNeutronClient({ endpoint: "http://cloud.test/networking", token: "t", fetch });
    const groups = await neutron.securityGroups.listAll({ project_id: "p1" });
    expect(groups.map((g) => [g.id, g.security_group_rules.length])).toEqual([["sg1", 1]]);
    const created = await neutron.securityGroupRules.create({
      security_group_id: "sg1",
      direction: "ingress",
    });
    expect(created.id).toBe("r1");
    expect(calls[1]?.body).toEqual({
      security_group_rule: { security_group_id: "sg1", direction: "ingress" },
    });
    expect((await neutron.securityGroupRules.list()).items.map((r) => r.id)).toEqual(["r1"]);
  });
});
