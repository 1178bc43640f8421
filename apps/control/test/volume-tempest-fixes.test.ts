import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootActive, memberOfNewProject } from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";
import { startVolumeFlowCloud, type VolumeFlowCloud } from "./volume-flow-harness.ts";

/**
 * Where Zenith differed from Cinder and Nova in what Tempest's interop
 * tests (`npm run conformance -- --filter volume`) send and check; one case
 * per fix, against the real control plane and the real volume agent.
 */
describe("block storage as Tempest checks it", () => {
  let c: VolumeFlowCloud;
  beforeAll(async () => {
    c = await startVolumeFlowCloud(`vtempest${process.pid}`);
  });
  afterAll(async () => c?.close());

  const EXTENSION_KEYS = [
    "os-vol-tenant-attr:tenant_id",
    "os-vol-host-attr:host",
    "os-vol-mig-status-attr:migstat",
    "os-vol-mig-status-attr:name_id",
  ];

  it("shows the extension attributes on show and detail, not on create and update", async () => {
    const projects = await c.env.control.api("GET", "/projects?name=admin", { token: c.env.adminToken });
    const admin = { token: c.env.adminToken, projectId: projects.body.projects[0].id as string };
    const created = await c.cinder("POST", "/volumes", { ...admin, body: { volume: { size: 1 } } });
    expect(created.status, created.text).toBe(202);
    for (const k of EXTENSION_KEYS) expect(Object.keys(created.body.volume)).not.toContain(k);
    const id = created.body.volume.id;
    await waitFor(
      async () => (await c.cinder("GET", `/volumes/${id}`, admin)).body.volume.status === "available",
    );
    const updated = await c.cinder("PUT", `/volumes/${id}`, {
      ...admin,
      body: { volume: { name: "renamed" } },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.volume.name).toBe("renamed");
    for (const k of EXTENSION_KEYS) expect(Object.keys(updated.body.volume)).not.toContain(k);
    // An admin sees them all on show; the tenant attribute is the owner's too.
    const shown = await c.cinder("GET", `/volumes/${id}`, admin);
    for (const k of EXTENSION_KEYS) expect(Object.keys(shown.body.volume)).toContain(k);
    const own = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    await c.volumeStatus(own.body.volume.id, "available");
    const detail = await c.cinder("GET", "/volumes/detail");
    const mine = detail.body.volumes.find((v: { id: string }) => v.id === own.body.volume.id);
    expect(mine["os-vol-tenant-attr:tenant_id"]).toBe(c.env.demoProjectId);
    expect(Object.keys(mine)).not.toContain("os-vol-host-attr:host");
  });

  it("answers 404 to a snapshot of a null volume id, as Cinder's lookup does", async () => {
    const res = await c.cinder("POST", "/snapshots", {
      body: { snapshot: { volume_id: null, display_name: "no-volume" } },
    });
    expect(res.status, res.text).toBe(404);
    expect(res.body.itemNotFound.message).toMatch(/could not be found/);
  });

  it("lists only the extensions it serves, with upstream's names", async () => {
    const res = await c.cinder("GET", "/extensions");
    expect(res.status, res.text).toBe(200);
    const aliases = res.body.extensions.map((e: { alias: string }) => e.alias);
    expect(aliases).toEqual(
      expect.arrayContaining(["os-volume-actions", "backups", "os-volume-transfer", "os-vol-tenant-attr"]),
    );
    // os-hosts ("Hosts") is not served, so not listed (tempest's `all` would look for it).
    expect(res.body.extensions.map((e: { name: string }) => e.name)).not.toContain("Hosts");
    expect((await c.cinder("GET", "/os-hosts")).status).toBe(404);
  });

  it("serves a server's addresses at /servers/{id}/ips, only to whoever sees the server", async () => {
    const serverId = await bootActive(c.env, c.imageId, "ips-server");
    const server = await c.env.api("GET", `servers/${serverId}`);
    const res = await c.env.api("GET", `servers/${serverId}/ips`);
    expect(res.status, res.text).toBe(200);
    const expected = Object.fromEntries(
      Object.entries(
        server.body.server.addresses as Record<string, Array<{ version: number; addr: string }>>,
      ).map(([net, list]) => [net, list.map((a) => ({ version: a.version, addr: a.addr }))]),
    );
    expect(res.body).toEqual({ addresses: expected });
    for (const [net, list] of Object.entries(expected)) {
      const one = await c.env.api("GET", `servers/${serverId}/ips/${encodeURIComponent(net)}`);
      expect(one.body).toEqual({ [net]: list });
    }
    expect((await c.env.api("GET", `servers/${serverId}/ips/no-such-net`)).status).toBe(404);
    const other = await memberOfNewProject(c.env, `ips-other-${process.pid}`);
    expect((await c.env.api("GET", `servers/${serverId}/ips`, { token: other.token })).status).toBe(404);
  });

  it("leaves the extended snapshot attributes out of create, update and the summary list", async () => {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    await c.volumeStatus(vol.body.volume.id, "available");
    const EXT = ["os-extended-snapshot-attributes:progress", "os-extended-snapshot-attributes:project_id"];
    const snap = await c.cinder("POST", "/snapshots", {
      body: { snapshot: { volume_id: vol.body.volume.id } },
    });
    expect(snap.status, snap.text).toBe(202);
    for (const k of EXT) expect(Object.keys(snap.body.snapshot)).not.toContain(k);
    const id = snap.body.snapshot.id;
    const upd = await c.cinder("PUT", `/snapshots/${id}`, { body: { snapshot: { name: "s2" } } });
    expect(upd.status, upd.text).toBe(200);
    for (const k of EXT) expect(Object.keys(upd.body.snapshot)).not.toContain(k);
    const summary = await c.cinder("GET", "/snapshots");
    const inSummary = summary.body.snapshots.find((s: { id: string }) => s.id === id);
    for (const k of EXT) expect(Object.keys(inSummary)).not.toContain(k);
    const shown = await c.cinder("GET", `/snapshots/${id}`);
    expect(shown.body.snapshot["os-extended-snapshot-attributes:project_id"]).toBe(c.env.demoProjectId);
  });

  it("links a next page whenever a page is full, as Cinder does", async () => {
    const other = await memberOfNewProject(c.env, `pages-${process.pid}`);
    const as = { token: other.token, projectId: other.projectId };
    for (let i = 0; i < 2; i++) {
      const v = await c.cinder("POST", "/volumes", { ...as, body: { volume: { size: 1 } } });
      expect(v.status, v.text).toBe(202);
    }
    const first = await c.cinder("GET", "/volumes?limit=1", as);
    expect(first.body.volumes).toHaveLength(1);
    const next = new URL(first.body.volumes_links[0].href);
    const second = await c.cinder("GET", `/volumes${next.search}`, as);
    expect(second.body.volumes).toHaveLength(1);
    expect(second.body.volumes[0].id).not.toBe(first.body.volumes[0].id);
    // The last page is full too: it links a next page, which is empty and links none.
    const third = await c.cinder("GET", `/volumes${new URL(second.body.volumes_links[0].href).search}`, as);
    expect(third.body.volumes).toEqual([]);
    expect(third.body.volumes_links).toBeUndefined();
    const all = await c.cinder("GET", "/volumes/detail?limit=5", as);
    expect(all.body.volumes).toHaveLength(2);
    expect(all.body.volumes_links).toBeUndefined();
  });

  it("answers GET /volumes/ (an empty id) with 404, not the list", async () => {
    const res = await c.cinder("GET", "/volumes/");
    expect(res.status, res.text).toBe(404);
    expect((await c.cinder("GET", "/volumes")).status).toBe(200);
  });
});
