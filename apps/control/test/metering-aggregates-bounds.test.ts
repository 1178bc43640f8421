import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComputeTestEnv, startCompute } from "./compute-servers-harness.ts";

/** More than one page of resources (the metric API's pages hold 1,000). */
const RESOURCES = 1_200;
/** Series with a minute of data: all granularities over their whole retention would be 21,000 points each. */
const YOUNG = 40;

/**
 * Aggregates over a search read every matching resource (upstream Gnocchi
 * does; an answer cut to a page would rank the wrong instances), and refuse
 * with a 400 that says what to narrow where one answer would hold too many
 * series or points: never a part of them.
 */
describe("metering: aggregates over every resource a search finds, within bounds", () => {
  let env: ComputeTestEnv;
  const project = `agg-${process.pid}`;
  /** Resource id → its CPU mean (its index, so every sum and count below is exact). */
  const cpuOf = new Map<string, number>();
  const youngMetricIds: string[] = [];
  const minute = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000;
  const start = Math.floor(Date.now() / 1000) - 3_600;

  const aggregates = (query: string, body: unknown) =>
    env.api("POST", `/metric/v1/aggregates?${query}`, { token: env.adminToken, body });
  const ofProject = { "=": { project_id: project } };

  beforeAll(async () => {
    env = await startCompute("meteraggs");
    const prisma = env.control.running.db.prisma;
    // Seeded in the tables directly: ingest takes samples only of subjects the cloud has (1,200 servers would take minutes).
    const ids = Array.from({ length: RESOURCES }, () => randomUUID());
    ids.forEach((id, i) => {
      cpuOf.set(id, i);
    });
    await prisma.metricResource.createMany({
      data: ids.map((id, i) => ({
        id,
        type: "instance",
        originalResourceId: id,
        projectId: project,
        attributes: { display_name: `vm-${i}` },
      })),
    });
    await prisma.metric.createMany({
      data: ids.map((id) => ({ id: randomUUID(), resourceId: id, name: "cpu", unit: "ns" })),
    });
    const metrics = await prisma.metric.findMany({
      where: { resourceId: { in: ids } },
      select: { seq: true, resourceId: true },
    });
    // Each series also has a sample from 20 hours ago (before every `start` below): its data spans
    // the day kept at 10 s, which the points bound counts.
    await prisma.measureBacklog.createMany({
      data: metrics.flatMap((m) => [
        { metricSeq: m.seq, at: BigInt(minute - 20 * 3_600_000), value: 0 },
        { metricSeq: m.seq, at: BigInt(minute), value: cpuOf.get(m.resourceId) ?? -1 },
      ]),
    });
    // A few young series: one sample each, a minute old.
    const young = Array.from({ length: YOUNG }, () => randomUUID());
    await prisma.metricResource.createMany({
      data: young.map((id) => ({
        id,
        type: "instance",
        originalResourceId: id,
        projectId: `${project}-young`,
      })),
    });
    await prisma.metric.createMany({
      data: young.map((id) => ({ id: randomUUID(), resourceId: id, name: "cpu", unit: "ns" })),
    });
    const youngMetrics = await prisma.metric.findMany({ where: { resourceId: { in: young } } });
    youngMetricIds.push(...youngMetrics.map((m) => m.id));
    await prisma.measureBacklog.createMany({
      data: youngMetrics.map((m) => ({ metricSeq: m.seq, at: BigInt(minute), value: 1 })),
    });
    await env.control.running.metering.aggregator.processBacklog();
  }, 120_000);
  afterAll(async () => env?.close());

  it("answers every matching resource's series, more than a page of them", async () => {
    const res = await aggregates(`granularity=60&start=${start}`, {
      operations: "(metric cpu mean)",
      resource_type: "instance",
      search: ofProject,
    });
    expect(res.status, res.text).toBe(200);
    const measures = res.body.measures as Record<string, { cpu: { mean: Array<[string, number, number]> } }>;
    expect(Object.keys(measures)).toHaveLength(RESOURCES);
    for (const [id, series] of Object.entries(measures)) {
      expect(series.cpu.mean).toEqual([[expect.any(String), 60, cpuOf.get(id)]]);
    }
  });

  it("aggregates across all of them, grouped or not", async () => {
    const sum = (RESOURCES * (RESOURCES - 1)) / 2;
    const whole = await aggregates(`granularity=60&start=${start}`, {
      operations: "(aggregate sum (metric cpu mean))",
      resource_type: "instance",
      search: ofProject,
    });
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body.measures.aggregated.map((m: number[]) => m[2])).toEqual([sum]);
    const grouped = await aggregates(`granularity=60&start=${start}&groupby=project_id`, {
      operations: "(aggregate count (metric cpu mean))",
      resource_type: "instance",
      search: ofProject,
    });
    expect(grouped.status, grouped.text).toBe(200);
    expect(grouped.body).toEqual([
      {
        group: { project_id: project },
        measures: { measures: { aggregated: [[expect.any(String), 60, RESOURCES]] } },
      },
    ]);
  });

  it("reads a batch of resources named by id, as the portal's rankings do", async () => {
    const batch = [...cpuOf.keys()].slice(-10);
    const res = await aggregates(`granularity=60&start=${start}`, {
      operations: "(metric cpu mean)",
      resource_type: "instance",
      search: { and: [ofProject, { in: { id: batch } }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body.measures).sort()).toEqual([...batch].sort());
  });

  it("refuses more series than one answer holds, saying to narrow the search", async () => {
    // Two series per resource: 2,400.
    const res = await aggregates(`granularity=60&start=${start}`, {
      operations: "(metric (cpu mean) (cpu max))",
      resource_type: "instance",
      search: ofProject,
    });
    expect(res.status).toBe(400);
    // Gnocchi's fault format, which gnocchiclient reads.
    expect(res.body).toMatchObject({ code: 400, title: "Bad Request" });
    expect(res.body.description).toMatch(
      /^Too many series: 2400 match, more than the 2000 .*Narrow the search/,
    );
  });

  it("refuses more points than one answer holds, saying to ask a coarser granularity or a shorter range", async () => {
    // 1,200 series × 10 s points over the day kept at 10 s: about 10.8 million.
    const fine = await aggregates("granularity=10", {
      operations: "(aggregate mean (metric cpu mean))",
      resource_type: "instance",
      search: ofProject,
    });
    expect(fine.status).toBe(400);
    expect(fine.body.code).toBe(400);
    expect(fine.body.description).toMatch(/^Too many points: 1200 series of up to \d+ points each/);
    expect(fine.body.description).toMatch(/coarser granularity, a shorter range/);
    // Every granularity over its whole retention, for the metrics named by id as well.
    const ids = await env.control.running.db.prisma.metric.findMany({
      where: { resource: { projectId: project } },
      select: { id: true },
      take: 100,
    });
    const byId = await aggregates("", {
      operations: `(metric ${ids.map((m) => `(${m.id} mean)`).join(" ")})`,
    });
    expect(byId.status).toBe(400);
    expect(byId.body.description).toMatch(/^Too many points: 100 series/);
    // The same question over an hour at 1 min is answered.
    const coarse = await aggregates(`granularity=60&start=${start}`, {
      operations: "(aggregate mean (metric cpu mean))",
      resource_type: "instance",
      search: ofProject,
    });
    expect(coarse.status, coarse.text).toBe(200);
  });

  it("scopes a domain admin as any member: a domain token is refused, a project token sees its project only", async () => {
    const cp = env.control;
    const admin = env.adminToken;
    const name = `aggdom-${process.pid}`;
    const own = (await cp.api("POST", "/projects", { token: admin, body: { project: { name } } })).body
      .project;
    const user = (
      await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name, password: `${name}-pw`, domain_id: "default" } },
      })
    ).body.user;
    const adminRole = (await cp.api("GET", "/roles?name=admin", { token: admin })).body.roles[0].id;
    for (const path of [
      `/domains/default/users/${user.id}/roles/${adminRole}`,
      `/projects/${own.id}/users/${user.id}/roles/${adminRole}`,
    ])
      expect((await cp.api("PUT", path, { token: admin })).status).toBe(204);
    const asUser = (token: string, query: string, body: unknown) =>
      env.api("POST", `/metric/v1/aggregates?${query}`, { token, body });
    const overSeeded = { operations: "(metric cpu mean)", resource_type: "instance", search: ofProject };

    // Admin of the whole Default domain, where the seeded project's resources are not: no metric reads at all.
    const domainToken = await cp.login(name, `${name}-pw`, { domain: "default" });
    const refused = await asUser(domainToken, `granularity=60&start=${start}`, overSeeded);
    expect(refused.status, refused.text).toBe(403);

    // Admin of its own project: a search naming another project finds nothing, an id of its metrics is not found.
    const projectToken = await cp.login(name, `${name}-pw`, { project: name });
    // Gnocchi's answer when a search finds no such metric: the same as for a project that does not exist.
    const searched = await asUser(projectToken, `granularity=60&start=${start}`, overSeeded);
    const nowhere = await asUser(projectToken, `granularity=60&start=${start}`, {
      ...overSeeded,
      search: { "=": { project_id: "no-such-project" } },
    });
    expect(searched.status, searched.text).toBe(400);
    expect(searched.body).toEqual(nowhere.body);
    const [foreign] = await env.control.running.db.prisma.metric.findMany({
      where: { resource: { projectId: project } },
      select: { id: true },
      take: 1,
    });
    const byId = await asUser(projectToken, `granularity=60&start=${start}`, {
      operations: `(metric (${foreign?.id} mean))`,
    });
    expect(byId.status, byId.text).toBe(404);
    // The cloud admin, for contrast, reads it.
    const mine = await aggregates(`granularity=60&start=${start}`, {
      operations: `(metric (${foreign?.id} mean))`,
    });
    expect(mine.status, mine.text).toBe(200);
  });

  it("counts each series' points where its data is: young series over every granularity are answered", async () => {
    // No granularity and no start, as `openstack metric aggregates` sends by default: over each
    // level's whole retention these would be 40 × ~21,000 points; their data is a minute.
    const res = await aggregates("", {
      operations: `(aggregate sum (metric ${youngMetricIds.map((id) => `(${id} mean)`).join(" ")}))`,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.measures.aggregated).toContainEqual([expect.any(String), 60, YOUNG]);
  });
});
