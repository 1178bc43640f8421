import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type L3TestEnv, seedNetwork, seedPort, startL3Env } from "./network-l3-harness.ts";

const SAMPLES = "/work/shared/reference/neutron/v2/samples/security-groups";
function sampleKeys(file: string, key: string): string[] {
  return Object.keys(JSON.parse(readFileSync(`${SAMPLES}/${file}`, "utf8"))[key]).sort();
}

describe("security groups and rules API", () => {
  let env: L3TestEnv;
  beforeAll(async () => {
    env = await startL3Env();
  });
  afterAll(async () => env?.close());

  const rule = (groupId: string, extra: Record<string, unknown>) => ({
    security_group_rule: { security_group_id: groupId, direction: "ingress", ethertype: "IPv4", ...extra },
  });

  it("creates the project's default group on its first list, with upstream's four rules", async () => {
    const list = await env.net("GET", "/security-groups", env.demo);
    expect(list.status).toBe(200);
    const defaults = list.body.security_groups.filter((g: { name: string }) => g.name === "default");
    expect(defaults).toHaveLength(1);
    const group = defaults[0];
    expect(group.project_id).toBe(env.demoProjectId);
    const summary = group.security_group_rules
      .map(
        (r: Record<string, unknown>) =>
          `${r.direction} ${r.ethertype} ${r.remote_group_id === group.id ? "self" : r.remote_group_id}`,
      )
      .sort();
    expect(summary).toEqual([
      "egress IPv4 null",
      "egress IPv6 null",
      "ingress IPv4 self",
      "ingress IPv6 self",
    ]);
    expect(
      group.security_group_rules.every((r: { belongs_to_default_sg: boolean }) => r.belongs_to_default_sg),
    ).toBe(true);
    // A second list does not make a second default group.
    const again = await env.net("GET", "/security-groups?name=default", env.demo);
    expect(again.body.security_groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
  });

  it("answers the shapes of upstream's samples", async () => {
    const created = await env.net("POST", "/security-groups", env.demo, {
      security_group: { name: "web", description: "web servers" },
    });
    expect(created.status).toBe(201);
    const group = created.body.security_group;
    expect(Object.keys(group).sort()).toEqual(
      sampleKeys("security-group-create-response.json", "security_group"),
    );
    expect(group).toMatchObject({ name: "web", description: "web servers", stateful: true, shared: false });
    expect(
      group.security_group_rules
        .map((r: { direction: string; ethertype: string }) => `${r.direction} ${r.ethertype}`)
        .sort(),
    ).toEqual(["egress IPv4", "egress IPv6"]);
    const made = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { protocol: "tcp", port_range_min: 80, port_range_max: 80 }),
    );
    expect(made.status).toBe(201);
    expect(Object.keys(made.body.security_group_rule).sort()).toEqual(
      sampleKeys("security-group-rule-create-response.json", "security_group_rule"),
    );
    // Rules are listed inside their group, and by themselves.
    const shown = await env.net("GET", `/security-groups/${group.id}`, env.demo);
    expect(shown.body.security_group.security_group_rules.map((r: { id: string }) => r.id)).toContain(
      made.body.security_group_rule.id,
    );
    const byGroup = await env.net("GET", `/security-group-rules?security_group_id=${group.id}`, env.demo);
    expect(byGroup.body.security_group_rules).toHaveLength(3);
    const fields = await env.net(
      "GET",
      `/security-group-rules?security_group_id=${group.id}&fields=id&fields=protocol`,
      env.demo,
    );
    expect(Object.keys(fields.body.security_group_rules[0]).sort()).toEqual(["id", "protocol"]);
  });

  it("keeps the default group's name and lets no project delete it", async () => {
    const list = await env.net("GET", "/security-groups?name=default", env.demo);
    const id = list.body.security_groups[0].id;
    const rename = await env.net("PUT", `/security-groups/${id}`, env.demo, {
      security_group: { name: "renamed" },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.NeutronError.type).toBe("SecurityGroupCannotUpdateDefault");
    const describe = await env.net("PUT", `/security-groups/${id}`, env.demo, {
      security_group: { description: "mine" },
    });
    expect(describe.status).toBe(200);
    expect(describe.body.security_group.description).toBe("mine");
    const del = await env.net("DELETE", `/security-groups/${id}`, env.demo);
    expect(del.status).toBe(409);
    expect(del.body.NeutronError.type).toBe("SecurityGroupCannotRemoveDefault");
    const second = await env.net("POST", "/security-groups", env.demo, {
      security_group: { name: "default" },
    });
    expect(second.status).toBe(409);
    expect(second.body.NeutronError.type).toBe("SecurityGroupDefaultAlreadyExists");
  });

  it("validates rules as upstream does", async () => {
    const group = (await env.net("POST", "/security-groups", env.demo, { security_group: { name: "rules" } }))
      .body.security_group;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ protocol: "tcp", port_range_min: 90, port_range_max: 80 }, 400, "SecurityGroupInvalidPortRange"],
      [{ protocol: "tcp", port_range_min: 0, port_range_max: 80 }, 400, "SecurityGroupInvalidPortValue"],
      [{ protocol: "tcp", port_range_min: 22 }, 400, "SecurityGroupInvalidPortRange"],
      [{ port_range_min: 22, port_range_max: 22 }, 400, "SecurityGroupProtocolRequiredWithPorts"],
      [{ protocol: "icmp", port_range_max: 0 }, 400, "SecurityGroupMissingIcmpType"],
      [{ protocol: "icmp", port_range_min: 256 }, 400, "SecurityGroupInvalidIcmpValue"],
      [
        { protocol: "gre", port_range_min: 1, port_range_max: 2 },
        400,
        "SecurityGroupInvalidProtocolForPortRange",
      ],
      [{ protocol: "bogus" }, 400, "SecurityGroupRuleInvalidProtocol"],
      [{ protocol: "300" }, 400, "SecurityGroupRuleInvalidProtocol"],
      [{ remote_ip_prefix: "2001:db8::/64" }, 400, "SecurityGroupRuleParameterConflict"],
      [
        { remote_ip_prefix: "10.0.0.0/8", remote_group_id: group.id },
        400,
        "SecurityGroupRemoteGroupAndRemoteIpPrefix",
      ],
      [{ protocol: "ipv6-icmp" }, 400, "SecurityGroupEthertypeConflictWithProtocol"],
    ];
    for (const [extra, status, type] of cases) {
      const res = await env.net("POST", "/security-group-rules", env.demo, rule(group.id, extra));
      expect([JSON.stringify(extra), res.status, res.body?.NeutronError?.type]).toEqual([
        JSON.stringify(extra),
        status,
        type,
      ]);
    }
    // Tempest's invalid-port and bad-prefix cases, with the words it looks for.
    const messages: Array<[string, number | null, number | null, string]> = [
      ["tcp", -16, 80, "Invalid value for port -16"],
      ["tcp", 80, 79, "port_range_min must be <= port_range_max"],
      ["tcp", 80, 65536, "Invalid value for port 65536"],
      ["tcp", null, 6, "port_range_min must be <= port_range_max"],
      ["icmp", 1, 256, "Invalid value for ICMP code"],
      ["icmp", -1, 25, "Invalid value"],
      ["icmp", null, 6, "ICMP type (port-range-min) is missing"],
      ["icmp", 300, 1, "Invalid value for ICMP type"],
    ];
    for (const [protocol, min, max, words] of messages) {
      const res = await env.net(
        "POST",
        "/security-group-rules",
        env.demo,
        rule(group.id, { protocol, port_range_min: min, port_range_max: max }),
      );
      expect([res.status, res.body.NeutronError.message]).toEqual([400, expect.stringContaining(words)]);
    }
    for (const prefix of ["192.168.1./24", "192.168.1.1/33", "bad_prefix", "256"]) {
      const res = await env.net(
        "POST",
        "/security-group-rules",
        env.demo,
        rule(group.id, { protocol: "tcp", remote_ip_prefix: prefix }),
      );
      expect([prefix, res.status]).toEqual([prefix, 400]);
    }
    const badDirection = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { direction: "sideways" }),
    );
    expect(badDirection.status).toBe(400);

    const ssh = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { protocol: "tcp", port_range_min: 22, port_range_max: 22 }),
    );
    expect(ssh.status).toBe(201);
    // The same rule by protocol number is a duplicate.
    const dup = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { protocol: "6", port_range_min: 22, port_range_max: 22 }),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.NeutronError.type).toBe("SecurityGroupRuleExists");
    expect(dup.body.NeutronError.message).toContain(ssh.body.security_group_rule.id);

    const icmp = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { protocol: "icmp", port_range_min: 8, port_range_max: 0 }),
    );
    expect(icmp.status).toBe(201);
    expect(icmp.body.security_group_rule).toMatchObject({
      protocol: "icmp",
      port_range_min: 8,
      port_range_max: 0,
    });
    const prefix = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, {
        protocol: "udp",
        port_range_min: 53,
        port_range_max: 53,
        remote_ip_prefix: "10.1.2.3/16",
      }),
    );
    expect(prefix.status).toBe(201);
    expect(prefix.body.security_group_rule.remote_ip_prefix).toBe("10.1.0.0/16");
    const v6 = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { ethertype: "IPv6", protocol: "ipv6-icmp", remote_ip_prefix: "2001:db8::1/64" }),
    );
    expect(v6.status).toBe(201);
    expect(v6.body.security_group_rule.remote_ip_prefix).toBe("2001:db8::/64");
    // On IPv6 the legacy "icmp" is ipv6-icmp: the same rule again is a duplicate.
    const legacy = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { ethertype: "IPv6", protocol: "icmp", remote_ip_prefix: "2001:db8::/64" }),
    );
    expect(legacy.status).toBe(409);
    const any = await env.net(
      "POST",
      "/security-group-rules",
      env.demo,
      rule(group.id, { protocol: "any", remote_group_id: group.id }),
    );
    expect(any.status).toBe(201);
    expect(any.body.security_group_rule.protocol).toBeNull();

    const del = await env.net("DELETE", `/security-group-rules/${ssh.body.security_group_rule.id}`, env.demo);
    expect(del.status).toBe(204);
    expect(
      (await env.net("GET", `/security-group-rules/${ssh.body.security_group_rule.id}`, env.demo)).status,
    ).toBe(404);
  });

  it("creates stateless groups and refuses to delete a group a port uses", async () => {
    const created = await env.net("POST", "/security-groups", env.demo, {
      security_group: { name: "stateless", stateful: false },
    });
    expect(created.body.security_group.stateful).toBe(false);
    const id = created.body.security_group.id;
    const { networkId, subnetId } = await seedNetwork(env, {
      projectId: env.demoProjectId,
      cidr: "10.50.0.0/24",
    });
    const portId = await seedPort(env, {
      projectId: env.demoProjectId,
      networkId,
      subnetId,
      ip: "10.50.0.10",
    });
    const bound = await env.net("PUT", `/ports/${portId}`, env.demo, { port: { security_groups: [id] } });
    expect(bound.status).toBe(200);
    const del = await env.net("DELETE", `/security-groups/${id}`, env.demo);
    expect(del.status).toBe(409);
    expect(del.body.NeutronError.type).toBe("SecurityGroupInUse");
    const flip = await env.net("PUT", `/security-groups/${id}`, env.demo, {
      security_group: { stateful: true },
    });
    expect(flip.status).toBe(409);
    expect(flip.body.NeutronError.type).toBe("SecurityGroupInUse");
    expect(
      (await env.net("PUT", `/ports/${portId}`, env.demo, { port: { security_groups: [] } })).status,
    ).toBe(200);
    expect((await env.net("DELETE", `/security-groups/${id}`, env.demo)).status).toBe(204);
  });

  it("hides a project's groups and rules from every other project", async () => {
    const mine = (
      await env.net("POST", "/security-groups", env.demo, { security_group: { name: "private-sg" } })
    ).body.security_group;
    const ruleId = mine.security_group_rules[0].id;
    const other = env.other;
    const answers = [
      await env.net("GET", `/security-groups/${mine.id}`, other),
      await env.net("PUT", `/security-groups/${mine.id}`, other, { security_group: { name: "x" } }),
      await env.net("DELETE", `/security-groups/${mine.id}`, other),
      await env.net("GET", `/security-group-rules/${ruleId}`, other),
      await env.net("DELETE", `/security-group-rules/${ruleId}`, other),
      await env.net("POST", "/security-group-rules", other, rule(mine.id, { protocol: "tcp" })),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(answers[0]?.body.NeutronError.type).toBe("SecurityGroupNotFound");
    // A rule may not name another project's group as its remote group.
    const own = (await env.net("POST", "/security-groups", other, { security_group: { name: "theirs" } }))
      .body.security_group;
    const remote = await env.net(
      "POST",
      "/security-group-rules",
      other,
      rule(own.id, { remote_group_id: mine.id }),
    );
    expect(remote.status).toBe(404);
    const lists = [
      await env.net("GET", "/security-groups", other),
      await env.net("GET", "/security-group-rules", other),
    ];
    expect(
      lists[0]?.body.security_groups.every(
        (g: { project_id: string }) => g.project_id === env.otherProjectId,
      ),
    ).toBe(true);
    expect(
      lists[1]?.body.security_group_rules.every(
        (r: { project_id: string }) => r.project_id === env.otherProjectId,
      ),
    ).toBe(true);
    // Tags follow the group's own rules.
    expect(
      (await env.net("PUT", `/security-groups/${mine.id}/tags`, env.demo, { tags: ["a", "b"] })).status,
    ).toBe(200);
    expect((await env.net("GET", `/security-groups/${mine.id}/tags`, env.demo)).body.tags).toEqual([
      "a",
      "b",
    ]);
    expect((await env.net("GET", `/security-groups/${mine.id}/tags`, env.other)).status).toBe(404);
    // The admin sees both projects' groups.
    const all = await env.net("GET", "/security-groups", env.admin);
    const owners = new Set(all.body.security_groups.map((g: { project_id: string }) => g.project_id));
    expect(owners.has(env.demoProjectId) && owners.has(env.otherProjectId)).toBe(true);
    // A reader reads but does not write.
    expect((await env.net("GET", `/security-groups/${mine.id}`, env.reader)).status).toBe(200);
    const write = await env.net("POST", "/security-groups", env.reader, { security_group: { name: "nope" } });
    expect(write.status).toBe(403);
    expect(write.body.NeutronError.type).toBe("PolicyNotAuthorized");
    // Naming another project needs admin.
    const foreign = await env.net("POST", "/security-groups", env.demo, {
      security_group: { name: "x", project_id: env.otherProjectId },
    });
    expect(foreign.status).toBe(400);
  });

  it("lets the admin delete a project's default group, which comes back on the project's next call", async () => {
    const before = (await env.net("GET", "/security-groups?name=default", env.other)).body.security_groups[0]
      .id;
    expect((await env.net("DELETE", `/security-groups/${before}`, env.admin)).status).toBe(204);
    const after = (await env.net("GET", "/security-groups?name=default", env.other)).body.security_groups;
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(before);
  });

  it("enforces the security_group and security_group_rule quotas with 409 OverQuota", async () => {
    const prisma = env.control.running.db.prisma;
    const projectId = env.otherProjectId;
    const used = await prisma.securityGroup.count({ where: { projectId } });
    await prisma.quota.upsert({
      where: { projectId_resource: { projectId, resource: "security_group" } },
      create: { projectId, resource: "security_group", hardLimit: used + 1 },
      update: { hardLimit: used + 1 },
    });
    const fits = await env.net("POST", "/security-groups", env.other, { security_group: { name: "last" } });
    expect(fits.status).toBe(201);
    const over = await env.net("POST", "/security-groups", env.other, {
      security_group: { name: "too-many" },
    });
    expect(over.status).toBe(409);
    expect(over.body.NeutronError).toMatchObject({
      type: "OverQuota",
      message: "Quota exceeded for resources: ['security_group'].",
    });

    const rules = await prisma.securityGroupRule.count({ where: { projectId } });
    await prisma.quota.upsert({
      where: { projectId_resource: { projectId, resource: "security_group_rule" } },
      create: { projectId, resource: "security_group_rule", hardLimit: rules + 1 },
      update: { hardLimit: rules + 1 },
    });
    const groupId = fits.body.security_group.id;
    expect(
      (await env.net("POST", "/security-group-rules", env.other, rule(groupId, { protocol: "tcp" }))).status,
    ).toBe(201);
    const overRule = await env.net(
      "POST",
      "/security-group-rules",
      env.other,
      rule(groupId, { protocol: "udp" }),
    );
    expect(overRule.status).toBe(409);
    expect(overRule.body.NeutronError.type).toBe("OverQuota");
  });
});
