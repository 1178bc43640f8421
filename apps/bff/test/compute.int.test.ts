import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";

/**
 * The compute and image procedures against the real control plane
 * (in-memory database) with one in-process compute agent on the fake
 * driver, so instances really go BUILD → ACTIVE → SHUTOFF.
 */

const unique = runName("cint");
let cloud: Harness;
let bffUrl = "";

const cookieOf = (username: string, password: string) => cloud.cookieOf(username, password);
const as = (username: string, password: string) => cloud.as(username, password);

beforeAll(async () => {
  cloud = await startHarness({ name: "int", unique, computeAgent: true, bffServer: true });
  bffUrl = cloud.bffUrl;
});

afterAll(async () => {
  await cloud?.close();
});

describe("images", () => {
  it("creates an image, uploads it through the BFF route and lists it", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const created = await caller.images.create({
      name: `${unique}-img`,
      diskFormat: "qcow2",
      containerFormat: "bare",
      visibility: "public",
    });
    expect(created.uploadUrl).toBe(`/api/images/${created.id}/file`);
    const res = await fetch(`${bffUrl}${created.uploadUrl}`, {
      method: "PUT",
      headers: {
        cookie: await cookieOf("admin", ADMIN_PASSWORD),
        "content-type": "application/octet-stream",
      },
      body: new Uint8Array(4096).fill(7),
    });
    expect(await res.json()).toEqual({ ok: true });
    const image = await caller.images.get({ id: created.id });
    expect(image).toMatchObject({ status: "active", size: 4096, visibility: "public" });
    const page = await caller.images.list({ q: unique });
    expect(page.total).toBe(1);
    const updated = await caller.images.update({
      id: created.id,
      minRam: 64,
      properties: { os_distro: "cirros" },
    });
    expect(updated).toMatchObject({ minRam: 64, properties: { os_distro: "cirros" } });
  });
});

describe("compute as the demo member", () => {
  it("manages key pairs; the private key is returned once", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const created = await caller.compute.keyPairs.create({ name: `${unique}-key` });
    expect(created.privateKey).toContain("PRIVATE KEY");
    const list = await caller.compute.keyPairs.list({});
    expect(list.map((k) => k.name)).toContain(`${unique}-key`);
    expect(list.find((k) => k.name === `${unique}-key`)).not.toHaveProperty("privateKey");
    await caller.compute.keyPairs.delete({ name: `${unique}-key` });
  });

  it("launches, sees ACTIVE pushed and listed, stops, and deletes", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const options = await caller.compute.launchOptions();
    const image = options.images.find((i) => i.name === `${unique}-img`);
    const flavor = options.flavors.find(
      (f) => f.disabledReason === undefined && f.disk >= (image?.minDisk ?? 0),
    );
    expect(image && flavor).toBeTruthy();
    if (!image || !flavor) return;

    const stream = await caller.compute.instances.updates({});
    const { ids } = await caller.compute.instances.launch({
      name: `${unique}-vm`,
      count: 2,
      imageId: image.id,
      flavorId: flavor.id,
      userData: "#!/bin/sh\necho hi\n",
    });
    expect(ids).toHaveLength(2);

    // The subscription reports the instances reaching ACTIVE.
    const active = new Set<string>();
    for await (const event of stream) {
      for (const i of event.changed) if (ids.includes(i.id) && i.status === "ACTIVE") active.add(i.id);
      // Leaving the loop returns the generator: the poller stops.
      if (active.size === ids.length) break;
    }

    const page = await caller.compute.instances.list({ q: unique, sort: "name", dir: "asc" });
    expect(page.total).toBe(2);
    // Every project's page 1 takes its total from the control plane's server counts; a later page
    // from walking the listing: the same figure.
    const admin = (await as("admin", ADMIN_PASSWORD)).caller;
    const counted = await admin.compute.instances.list({ allProjects: true });
    const walked = await admin.compute.instances.list({ allProjects: true, page: 2, pageSize: 1 });
    expect(counted.total).toBeGreaterThanOrEqual(2);
    expect(walked.total).toBe(counted.total);
    expect(page.items.map((i) => i.name)).toEqual([`${unique}-vm-1`, `${unique}-vm-2`]);
    expect(page.items[0]).toMatchObject({
      status: "ACTIVE",
      powerState: "RUNNING",
      image: { id: image.id, name: image.name },
      flavor: { id: flavor.id, name: flavor.name },
    });
    // `auto` put them on demo's only network (first-start networking's private-subnet, 10.0.0.0/26).
    for (const item of page.items) {
      expect(item.addresses).toHaveLength(1);
      expect(item.addresses[0]).toMatch(/^10\.0\.0\.\d+$/);
    }
    expect(page.items[0]?.addresses).not.toEqual(page.items[1]?.addresses);
    const second = await caller.compute.instances.list({
      q: unique,
      sort: "name",
      dir: "asc",
      pageSize: 1,
      page: 2,
    });
    expect(second.items.map((i) => i.name)).toEqual([`${unique}-vm-2`]);

    const [first] = ids;
    if (!first) return;
    const detail = await caller.compute.instances.get({ id: first });
    expect(detail).toMatchObject({ id: first, userId: expect.any(String) });

    // The serial console, end to end: BFF → remote-consoles → proxy → agent relay → driver (the fake echoes).
    const serial = await caller.compute.instances.remoteConsole({ id: first, kind: "serial" });
    expect(serial.websocketUrl).toBe(serial.url);
    const typed = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(serial.websocketUrl);
      let seen = "";
      ws.once("open", () => ws.send("echo zenith-42\r"));
      ws.on("message", (data) => {
        seen += Buffer.from(data as Buffer).toString();
        if (seen.includes("echo zenith-42")) {
          ws.close();
          resolve(seen);
        }
      });
      ws.once("error", reject);
    });
    expect(typed).toContain("login:");
    const vnc = await caller.compute.instances.remoteConsole({ id: first, kind: "novnc" });
    expect(vnc.url).toContain("/console/vnc_auto.html?path=");
    expect(vnc.websocketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/console\/websocket\?token=/);

    const stopped = await caller.compute.instances.action({ ids: [first], action: "stop" });
    expect(stopped.results).toEqual([{ id: first, ok: true }]);
    await waitFor("SHUTOFF", async () => {
      const i = await caller.compute.instances.get({ id: first });
      return i.status === "SHUTOFF" ? i : undefined;
    });
    const again = await caller.compute.instances.action({ ids: [first], action: "stop" });
    expect(again.results[0]).toMatchObject({ ok: false });

    const log = await caller.compute.instances.actionLog({ id: first });
    expect(log.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "stop"]));

    // The offered actions follow the cloud's rules: a paused instance offers unpause, never stop.
    const running = ids[1];
    if (!running) return;
    expect((await caller.compute.instances.get({ id: running })).actions).toContain("stop");
    await caller.compute.instances.action({ ids: [running], action: "pause" });
    const paused = await waitFor("PAUSED", async () => {
      const i = await caller.compute.instances.get({ id: running });
      return i.status === "PAUSED" && i.taskState === null ? i : undefined;
    });
    expect(paused.actions).toEqual(["hardReboot", "unpause", "lock", "createImage", "delete"]);
    const listed = await caller.compute.instances.list({ q: unique });
    expect(listed.items.find((i) => i.id === running)?.actions).not.toContain("stop");
    // What is not offered is what the cloud refuses.
    const refused = await caller.compute.instances.action({ ids: [running], action: "stop" });
    expect(refused.results[0]).toMatchObject({ ok: false });

    const overview = await caller.compute.overview();
    expect(overview.quota.instances.used).toBeGreaterThanOrEqual(2);

    await caller.compute.instances.action({ ids, action: "delete" });
    await waitFor("deletion", async () => {
      const p = await caller.compute.instances.list({ q: unique });
      return p.total === 0 ? p : undefined;
    });
  });
});

describe("admin", () => {
  it("lists hypervisors and compute services, disables and enables with a reason", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const hypervisors = await caller.admin.hypervisors.list();
    expect(hypervisors.map((h) => h.hostname)).toContain("int-node-1");
    const services = await caller.admin.computeServices.list();
    const compute = services.find((s) => s.host === "int-node-1" && s.binary === "nova-compute");
    expect(compute?.state).toBe("up");
    if (!compute) return;
    const disabled = await caller.admin.computeServices.setEnabled({
      id: compute.id,
      enabled: false,
      reason: "maintenance",
    });
    expect(disabled).toMatchObject({ status: "disabled", disabledReason: "maintenance" });
    const enabled = await caller.admin.computeServices.setEnabled({ id: compute.id, enabled: true });
    expect(enabled.status).toBe("enabled");
  });

  it("creates a private flavor, sets its access, reads and updates quotas", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const projects = await caller.identity.projects.list({ q: "demo" });
    const demo = projects.items.find((p) => p.name === "demo");
    expect(demo).toBeDefined();
    if (!demo) return;
    const flavor = await caller.admin.flavors.create({
      name: `${unique}-flv`,
      vcpus: 1,
      ram: 256,
      disk: 1,
      isPublic: false,
      extraSpecs: { "hw:cpu_policy": "shared" },
    });
    expect(flavor).toMatchObject({ isPublic: false, extraSpecs: { "hw:cpu_policy": "shared" } });
    expect(await caller.admin.flavors.setAccess({ id: flavor.id, projectIds: [demo.id] })).toEqual({
      projectIds: [demo.id],
    });
    await caller.admin.flavors.delete({ id: flavor.id });

    const quota = await caller.admin.quotas.get({ projectId: demo.id });
    expect(quota.quota.cores?.limit).toBeGreaterThan(0);
    const updated = await caller.admin.quotas.update({ projectId: demo.id, limits: { cores: 33 } });
    expect(updated.limits.cores).toBe(33);
    const defaults = await caller.admin.quotas.defaults({ projectId: demo.id });
    expect(defaults.limits.instances).toBeGreaterThan(0);
    // Without a project, through the admin's own (what the quotas page asks, with no wait for the session).
    expect(await caller.admin.quotas.defaults({})).toEqual(defaults);
  });

  it("lists every project's instances with project names", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const page = await caller.compute.instances.list({ allProjects: true });
    for (const item of page.items) expect(item.projectName).toEqual(expect.any(String));
  });
});
