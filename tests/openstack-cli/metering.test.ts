import { randomUUID } from "node:crypto";
import type { Sample } from "@zenith/agent-protocol/metering";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openstack, openstackJson } from "./cli.ts";
import { type CliCloud, type Control, startCliCloud } from "./cloud.ts";

// The real `openstack metric …` commands (Debian's python3-gnocchiclient
// 7.0.7) against the control plane's metric API. Two instances in two
// projects and their host have 10 minutes of samples, stored through the
// same ingest the agents' endpoint uses (the endpoint itself is tested in
// apps/control/test/metering-api.test.ts). Values are exact: the CPU
// counter grows 5 s per 10 s tick, 30 s per minute.
const ADMIN_PASSWORD = "cli-meter-admin-pw";
const DEMO_PASSWORD = "cli-meter-demo-pw";
const HOST = `cli-meter-host-${randomUUID().slice(0, 6)}`;
const mine = randomUUID();
const theirs = randomUUID();

type Row = Record<string, unknown>;

let cloud: CliCloud;
let control: Control;
let admin: NodeJS.ProcessEnv;
let demo: NodeJS.ProcessEnv;
let demoProject = "";

beforeAll(async () => {
  cloud = await startCliCloud("metering", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    defaultNetworking: false,
    seedStarterImage: false,
  });
  ({ control } = cloud);
  admin = cloud.admin;
  demo = cloud.demo;
  const prisma = control.db.prisma;
  const host = await prisma.computeHost.create({
    data: { id: randomUUID(), host: HOST, hypervisorHostname: HOST, vcpus: 8, memoryMb: 8192, localGb: 100 },
  });
  demoProject = (await prisma.project.findFirstOrThrow({ where: { name: "demo" } })).id;
  const adminProject = (await prisma.project.findFirstOrThrow({ where: { name: "admin" } })).id;
  for (const [id, name, projectId] of [
    [mine, "cli-meter-vm", demoProject],
    [theirs, "cli-admin-vm", adminProject],
  ] as const) {
    await prisma.instance.create({
      data: {
        id,
        name,
        projectId,
        userId: "cli",
        hostId: host.id,
        reservationId: `r-${id}`,
        flavorId: "cli",
        flavor: { name: "m1.tiny", vcpus: 1 },
      },
    });
  }
  const start = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  const samples: Sample[] = [];
  for (let i = 0; i < 60; i++) {
    const at = start + i * 10_000;
    for (const subject of [mine, theirs]) {
      samples.push({ resource: "instance", subject, metric: "cpu", value: i * 5e9, at });
      samples.push({
        resource: "instance_network_interface",
        subject,
        part: "tap0",
        metric: "network.incoming.bytes",
        value: i * 1000,
        at,
      });
    }
    samples.push({ resource: "host", subject: HOST, metric: "hardware.cpu.util", value: 20, at });
  }
  expect(await control.metering.ingest.ingest(HOST, samples)).toEqual({
    accepted: samples.length,
    rejected: 0,
  });
});

afterAll(async () => {
  await cloud?.close();
});

describe("openstack metric (gnocchiclient) against the metric API", () => {
  it("resource list and show: a member sees its project's instance and its metrics, never another's", async () => {
    const list = await openstackJson<Row[]>(["metric", "resource", "list", "--type", "instance"], demo);
    expect(list.map((r) => r.id)).toEqual([mine]);
    const shown = await openstackJson<Row>(["metric", "resource", "show", "--type", "instance", mine], demo);
    expect(shown).toMatchObject({
      id: mine,
      project_id: demoProject,
      display_name: "cli-meter-vm",
      host: HOST,
    });
    const hidden = await openstack(["metric", "resource", "show", "--type", "instance", theirs], demo);
    expect(hidden.code).not.toBe(0);
    expect(hidden.stderr).toMatch(/could not be found|Not Found|404/i);
    expect(await openstackJson<Row[]>(["metric", "resource", "list", "--type", "host"], demo)).toEqual([]);
    const hosts = await openstackJson<Row[]>(["metric", "resource", "list", "--type", "host"], admin);
    expect(hosts.map((r) => r.original_resource_id)).toEqual([HOST]);
  });

  it("measures show: a counter's rate at 1 min points, exact", async () => {
    const measures = await openstackJson<Array<{ granularity: number; value: number }>>(
      [
        "metric",
        "measures",
        "show",
        "--resource-id",
        mine,
        "cpu",
        "--granularity",
        "60",
        "--aggregation",
        "rate:mean",
      ],
      demo,
    );
    // Gnocchi's rate: the mean change between consecutive samples (5 s of CPU per 10 s sample), every
    // minute the 10 minutes of samples span, the first one too (its first sample has no change, the rest do).
    expect(measures.length).toBe(10);
    expect(new Set(measures.map((m) => m.value))).toEqual(new Set([5e9]));
    expect(measures.every((m) => m.granularity === 60)).toBe(true);
  });

  it("resource search by attribute finds an instance's interface", async () => {
    const found = await openstackJson<Row[]>(
      ["metric", "resource", "search", "--type", "instance_network_interface", `instance_id=${mine}`],
      demo,
    );
    expect(found.map((r) => r.original_resource_id)).toEqual([`${mine}-tap0`]);
  });

  it("aggregates grouped by project: the admin's top-projects query", async () => {
    const rows = await openstackJson<Array<{ group: string; value: number; granularity: number }>>(
      [
        "metric",
        "aggregates",
        "(aggregate sum (metric cpu rate:mean))",
        "project_id!=nobody",
        "--resource-type",
        "instance",
        "--groupby",
        "project_id",
        "--granularity",
        "60",
      ],
      admin,
    );
    const groups = new Set(rows.map((r) => r.group));
    expect(groups.size).toBe(2);
    expect(rows.every((r) => r.value === 5e9)).toBe(true);
    // A member's same query sees its own project only.
    const own = await openstackJson<Array<{ group: string }>>(
      [
        "metric",
        "aggregates",
        "(aggregate sum (metric cpu rate:mean))",
        "project_id!=nobody",
        "--resource-type",
        "instance",
        "--groupby",
        "project_id",
        "--granularity",
        "60",
      ],
      demo,
    );
    expect(new Set(own.map((r) => r.group))).toEqual(new Set([`project_id: ${demoProject}`]));
  });

  it("measures aggregation across resources (the older API)", async () => {
    const rows = await openstackJson<Array<{ value: number }>>(
      [
        "metric",
        "measures",
        "aggregation",
        "-m",
        "cpu",
        "--resource-type",
        "instance",
        "--query",
        `id=${mine}`,
        "--granularity",
        "60",
        "--aggregation",
        "rate:mean",
      ],
      demo,
    );
    expect(rows.length).toBe(10);
    expect(rows.every((r) => r.value === 5e9)).toBe(true);
  });

  it("archive policy and resource types; status is an admin's", async () => {
    const policies = await openstackJson<Array<{ name: string }>>(["metric", "archive-policy", "list"], demo);
    expect(policies.map((p) => p.name)).toEqual(["zenith"]);
    const types = await openstackJson<Array<{ name: string }>>(["metric", "resource-type", "list"], demo);
    expect(types.map((t) => t.name)).toEqual(
      expect.arrayContaining(["instance", "instance_disk", "instance_network_interface", "volume", "host"]),
    );
    const denied = await openstack(["metric", "status"], demo);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain("get status");
    const status = await openstackJson<Row>(["metric", "status"], admin);
    expect(status).toHaveProperty("storage/total number of measures to process");
  });
});
