import { join } from "node:path";
import type { FetchLike } from "@zenith/api-client/http";
import type { KeystoneSession } from "@zenith/api-client/keystone";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VolumeAgent } from "../../volume-agent/src/agent.ts";
import { FakeVolumeDriver } from "../../volume-agent/src/driver/fake.ts";
import type { TSearchGroup } from "../src/routers/search/resources.types.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  OTHER_PASSWORD,
  runName,
  startHarness,
} from "./cloud-harness.ts";

/**
 * `search.resources` against the real control plane (in-memory database,
 * fake compute agent): partial names per kind, whole ids, pattern
 * characters taken literally, another tenant's resources never found, and
 * one failing or missing service leaving the other groups answering.
 */

const run = runName("srch");
let cloud: Harness;
let volumeAgent: VolumeAgent | undefined;
const ids = {
  demoServer: "",
  demoNetwork: "",
  demoVolume: "",
  otherServer: "",
  otherNetwork: "",
  otherVolume: "",
};

/** Creates what a suite searches for, as the given user, with raw clients (the BFF's own are not under test here). */
async function seed(
  session: KeystoneSession,
  imageId: string,
  flavorId: string,
  names: { servers: string[]; network: string; volume: string },
) {
  const clients = cloud.cloudFor(session);
  const nova = await clients.nova();
  const servers: string[] = [];
  for (const name of names.servers) {
    const created = await nova.servers.create({
      name,
      imageRef: imageId,
      flavorRef: flavorId,
      networks: "none",
    });
    if (!("server" in created)) throw new Error("Nova answered a reservation id, not a server");
    servers.push(created.server.id);
  }
  const network = await (await clients.neutron()).networks.create({ name: names.network });
  const volume = await (await clients.cinder()).volumes.create({ name: names.volume, size: 1 });
  return { servers, network: network.id, volume: volume.id };
}

beforeAll(async () => {
  cloud = await startHarness({
    name: "search",
    unique: run,
    computeAgent: true,
    otherTenant: true,
    bffServer: true,
    control: { joinTokenFile: false },
  });
  // Cinder places volumes on a live storage host: one on the fake driver.
  const host = "search-store-1";
  const credential = await cloud.control.enrolHost(host);
  volumeAgent = new VolumeAgent({
    host,
    controlUrl: cloud.control.url,
    token: async () => credential,
    stateDir: join(cloud.dataDir, "volume-state"),
    transferDir: join(cloud.dataDir, "volume-storage", "transfers"),
    driver: new FakeVolumeDriver({ exportHost: "192.0.2.10" }),
    driverKind: "fake",
    availabilityZone: "nova",
    exportAddress: "192.0.2.10",
    logger: createLogger("bff-search-int-agent", "silent"),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  await volumeAgent.start();
  const admin = cloud.cloudFor(await cloud.login("admin", ADMIN_PASSWORD));
  const glance = await admin.glance();
  const image = await glance.create({
    name: `${run}-img`,
    disk_format: "qcow2",
    container_format: "bare",
    visibility: "public",
  });
  await glance.upload(image.id, new Uint8Array(4096).fill(7));
  const flavor = (await (await admin.nova()).flavors.list()).find((f) => f.disk >= 1);
  if (!flavor) throw new Error("no flavor with a disk");
  const demo = await seed(await cloud.login("demo", DEMO_PASSWORD), image.id, flavor.id, {
    servers: [`${run}-web.1`, `${run}-webX1`, `${run}-(db)[1]`],
    network: `${run}-Alpha-Net`,
    volume: `${run}-data-vol`,
  });
  const other = await seed(await cloud.login(cloud.other.username, OTHER_PASSWORD), image.id, flavor.id, {
    servers: [`${run}-secret-web`],
    network: `${run}-secret-net`,
    volume: `${run}-secret-vol`,
  });
  ids.demoServer = demo.servers[0] ?? "";
  ids.demoNetwork = demo.network;
  ids.demoVolume = demo.volume;
  ids.otherServer = other.servers[0] ?? "";
  ids.otherNetwork = other.network;
  ids.otherVolume = other.volume;
}, 120_000);

afterAll(async () => {
  await volumeAgent?.stop();
  await cloud?.close();
});

const group = (groups: TSearchGroup[], kind: TSearchGroup["kind"]) => {
  const found = groups.find((g) => g.kind === kind);
  if (!found) throw new Error(`no ${kind} group in ${JSON.stringify(groups.map((g) => g.kind))}`);
  return found;
};
const names = (groups: TSearchGroup[], kind: TSearchGroup["kind"]) =>
  group(groups, kind).items.map((i) => i.name);

describe("search.resources as a member", () => {
  it("finds instances, networks, volumes and images by part of their name, case-insensitively", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const { groups } = await caller.search.resources({ query: `${run}-WEB` });
    expect(names(groups, "instance").sort()).toEqual([`${run}-web.1`, `${run}-webX1`]);
    expect(group(groups, "instance").items[0]?.status).toMatch(/^(BUILD|ACTIVE)$/);
    expect(names((await caller.search.resources({ query: "alpha-net" })).groups, "network")).toEqual([
      `${run}-Alpha-Net`,
    ]);
    const volumes = (await caller.search.resources({ query: `${run}-data` })).groups;
    expect(group(volumes, "volume").items).toEqual([
      { id: ids.demoVolume, name: `${run}-data-vol`, status: expect.any(String), detail: "1 GiB" },
    ]);
    expect(names((await caller.search.resources({ query: `${run}-im` })).groups, "image")).toEqual([
      `${run}-img`,
    ]);
  });

  it("takes pattern characters literally (Nova's name filter is a regex)", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const dot = await caller.search.resources({ query: `${run}-web.1`, kinds: ["instance"] });
    expect(names(dot.groups, "instance")).toEqual([`${run}-web.1`]);
    const brackets = await caller.search.resources({ query: "(db)[", kinds: ["instance"] });
    expect(names(brackets.groups, "instance")).toEqual([`${run}-(db)[1]`]);
    const star = await caller.search.resources({
      query: `${run}.*`,
      kinds: ["instance", "network", "volume"],
    });
    for (const g of star.groups) expect(g).toMatchObject({ state: "ok", items: [] });
  });

  it("looks a whole id up directly, of any kind", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const server = await caller.search.resources({ query: ids.demoServer });
    expect(group(server.groups, "instance").items.map((i) => i.id)).toEqual([ids.demoServer]);
    expect(group(server.groups, "network").items).toEqual([]);
    const network = await caller.search.resources({ query: ` ${ids.demoNetwork} ` });
    expect(names(network.groups, "network")).toEqual([`${run}-Alpha-Net`]);
    const volume = await caller.search.resources({ query: ids.demoVolume, kinds: ["volume"] });
    expect(names(volume.groups, "volume")).toEqual([`${run}-data-vol`]);
  });

  it("never finds another project's resources, by name or by id", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const byName = await caller.search.resources({ query: `${run}-secret` });
    expect(byName.groups.length).toBeGreaterThan(0);
    for (const g of byName.groups) expect(g).toMatchObject({ state: "ok", items: [] });
    for (const id of [ids.otherServer, ids.otherNetwork, ids.otherVolume]) {
      expect(id).not.toBe("");
      const byId = await caller.search.resources({ query: id });
      expect(byId.groups.length).toBeGreaterThan(0);
      for (const g of byId.groups) expect(g).toMatchObject({ state: "ok", items: [] });
    }
    // The owner does find them: the empty answers above are scoping, not a broken search.
    const owner = await cloud.as(cloud.other.username, OTHER_PASSWORD);
    const own = await owner.caller.search.resources({ query: `${run}-secret` });
    const ownById = await owner.caller.search.resources({ query: ids.otherNetwork, kinds: ["network"] });
    expect(names(ownById.groups, "network")).toEqual([`${run}-secret-net`]);
    expect(names(own.groups, "instance")).toEqual([`${run}-secret-web`]);
    expect(names(own.groups, "network")).toEqual([`${run}-secret-net`]);
    expect(names(own.groups, "volume")).toEqual([`${run}-secret-vol`]);
  });

  it("asks members nothing of identity, and admins find projects and users", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const member = await caller.search.resources({ query: `${run}-other` });
    expect(member.groups.map((g) => g.kind)).not.toContain("project");
    expect(member.groups.map((g) => g.kind)).not.toContain("user");
    const admin = await cloud.as("admin", ADMIN_PASSWORD);
    const found = await admin.caller.search.resources({ query: `${run}-OTHER`, kinds: ["project", "user"] });
    expect(names(found.groups, "project")).toEqual([`${run}-other`]);
    expect(names(found.groups, "user")).toEqual([`${run}-other`]);
    const byId = await admin.caller.search.resources({ query: cloud.other.projectId, kinds: ["project"] });
    expect(names(byId.groups, "project")).toEqual([`${run}-other`]);
  });

  it("answers the other groups when one service fails, and skips a service the catalog lacks", async () => {
    const failImages: FetchLike = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/image/")) return new Response("boom", { status: 500 });
      return fetch(input, init);
    };
    const failing = await cloud.as("demo", DEMO_PASSWORD, { fetch: failImages });
    const { groups } = await failing.caller.search.resources({ query: `${run}-` });
    expect(group(groups, "image")).toMatchObject({ state: "error", items: [], message: expect.any(String) });
    expect(names(groups, "instance")).toHaveLength(3);
    expect(names(groups, "network")).toEqual([`${run}-Alpha-Net`]);

    // A cloud without block storage: the catalog (read once per token) names no volume service.
    const noCinder: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith("/auth/catalog")) return res;
      const body = (await res.json()) as { catalog: { type: string }[] };
      const catalog = body.catalog.filter((e) => e.type !== "volumev3" && e.type !== "block-storage");
      return Response.json({ ...body, catalog });
    };
    const lacking = await cloud.as("demo", DEMO_PASSWORD, { fetch: noCinder });
    const partial = await lacking.caller.search.resources({ query: `${run}-` });
    expect(group(partial.groups, "volume")).toEqual({ kind: "volume", state: "unavailable", items: [] });
    expect(names(partial.groups, "network")).toEqual([`${run}-Alpha-Net`]);
  });

  it("answers an anonymous caller (no session cookie) 401, with nothing found", async () => {
    const input = encodeURIComponent(JSON.stringify({ query: `${run}-` }));
    const res = await fetch(`${cloud.bffUrl}/api/trpc/search.resources?input=${input}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(run);
  });

  it("bounds its input", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    await expect(caller.search.resources({ query: "x".repeat(256) })).rejects.toThrow();
    await expect(caller.search.resources({ query: "x", limit: 51 })).rejects.toThrow();
    expect((await caller.search.resources({ query: "   " })).groups).toEqual([]);
    // Each group stops at the limit.
    const one = await caller.search.resources({ query: `${run}-`, kinds: ["instance"], limit: 1 });
    expect(names(one.groups, "instance")).toHaveLength(1);
  });
});
