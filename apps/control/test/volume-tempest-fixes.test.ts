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
});
