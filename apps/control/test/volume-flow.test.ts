import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootActive, FLAVORS, memberOfNewProject, waitForStatus } from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";
import { startVolumeFlowCloud, type VolumeFlowCloud } from "./volume-flow-harness.ts";
import { cinder, keys, sample } from "./volume-harness.ts";

/**
 * Volumes end to end through the real control plane and the real volume
 * agent (fake driver): create → available, extend, snapshots, a volume
 * from a snapshot, attach to a server through Nova (export → plugged by the
 * compute agent → in-use), detach, delete; and what another project sees.
 */
describe("volumes through the volume agent", () => {
  let c: VolumeFlowCloud;
  beforeAll(async () => {
    c = await startVolumeFlowCloud(`vflow${process.pid}`);
  });
  afterAll(async () => c?.close());

  it("creates a volume that becomes available, shaped as Cinder's", async () => {
    const res = await c.cinder("POST", "/volumes", { body: { volume: { size: 1, name: "data-1" } } });
    expect(res.status, res.text).toBe(202);
    expect(res.body.volume.status).toBe("creating");
    const vol = await c.volumeStatus(res.body.volume.id, "available");
    expect(vol).toMatchObject({ size: 1, name: "data-1", bootable: "false", volume_type: "__DEFAULT__" });
    // Members do not see the backend host; every other key of the sample is there.
    const expected = keys(sample("volumes/volume-show-response.json").volume).filter(
      (k) => !k.startsWith("os-vol-host-attr") && !k.startsWith("os-vol-mig-status-attr"),
    );
    for (const k of expected) expect(Object.keys(vol), k).toContain(k);
    // The read-only flag shows among the metadata, as Cinder's admin metadata does.
    expect(vol.metadata).toMatchObject({ readonly: "False" });
    const ro = await c.cinder("POST", `/volumes/${res.body.volume.id}/action`, {
      body: { "os-update_readonly_flag": { readonly: true } },
    });
    expect(ro.status, ro.text).toBe(202);
    expect((await c.cinder("GET", `/volumes/${res.body.volume.id}`)).body.volume.metadata.readonly).toBe(
      "True",
    );
    const list = await c.cinder("GET", "/volumes/detail?sort=created_at:desc&limit=1");
    expect(list.body.volumes.map((v: { id: string }) => v.id)).toContain(res.body.volume.id);
  });

  it("extends an available volume and refuses to shrink it", async () => {
    const created = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const id = created.body.volume.id;
    await c.volumeStatus(id, "available");
    const ext = await c.cinder("POST", `/volumes/${id}/action`, { body: { "os-extend": { new_size: 3 } } });
    expect(ext.status, ext.text).toBe(202);
    expect((await c.volumeStatus(id, "available")).size).toBe(3);
    const shrink = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-extend": { new_size: 2 } },
    });
    expect(shrink.status).toBe(400);
    expect(shrink.body.badRequest.message).toMatch(/must be greater than current size/);
  });

  it("snapshots a volume, makes a volume from the snapshot, and keeps the order of deletes", async () => {
    const created = await c.cinder("POST", "/volumes", { body: { volume: { size: 2 } } });
    const id = created.body.volume.id;
    await c.volumeStatus(id, "available");
    const snap = await c.cinder("POST", "/snapshots", { body: { snapshot: { volume_id: id, name: "s1" } } });
    expect(snap.status, snap.text).toBe(202);
    const snapId = snap.body.snapshot.id;
    await waitFor(
      async () => (await c.cinder("GET", `/snapshots/${snapId}`)).body.snapshot.status === "available",
    );
    const clone = await c.cinder("POST", "/volumes", { body: { volume: { snapshot_id: snapId } } });
    expect(clone.status, clone.text).toBe(202);
    const cloned = await c.volumeStatus(clone.body.volume.id, "available");
    expect(cloned).toMatchObject({ size: 2, snapshot_id: snapId });
    // A volume with snapshots cannot go without cascade.
    const refused = await c.cinder("DELETE", `/volumes/${id}`);
    expect(refused.status).toBe(400);
    expect((await c.cinder("DELETE", `/snapshots/${snapId}`)).status).toBe(202);
    await waitFor(async () => (await c.cinder("GET", `/snapshots/${snapId}`)).status === 404);
    expect((await c.cinder("DELETE", `/volumes/${id}`)).status).toBe(202);
    await waitFor(async () => (await c.cinder("GET", `/volumes/${id}`)).status === 404);
  });

  it("attaches a volume to a server through Nova and detaches it", async () => {
    const serverId = await bootActive(c.env, c.imageId, "with-volume");
    const created = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const volumeId = created.body.volume.id;
    await c.volumeStatus(volumeId, "available");
    const attach = await c.env.api("POST", `servers/${serverId}/os-volume_attachments`, {
      body: { volumeAttachment: { volumeId } },
    });
    expect(attach.status, attach.text).toBe(200);
    expect(attach.body.volumeAttachment).toMatchObject({ device: "/dev/vdb", serverId, volumeId });
    const inUse = await c.volumeStatus(volumeId, "in-use");
    expect(inUse.attachments).toEqual([
      expect.objectContaining({ server_id: serverId, volume_id: volumeId, device: "/dev/vdb" }),
    ]);
    // The compute agent got the export with its secret; callers never see the secret.
    const sent = c.compute.volumeConnections.get(serverId)?.find((v) => v.volumeId === volumeId);
    expect(sent?.connection?.secret).toMatch(/^[0-9a-f]{64}$/);
    const attachments = await c.cinder("GET", `/attachments/detail?volume_id=${volumeId}`, { mv: "3.27" });
    expect(attachments.text).not.toContain(sent?.connection?.secret ?? "no-secret");
    expect(attachments.body.attachments[0].connection_info.driver_volume_type).toBe("nbd");
    const server = await c.env.api("GET", `servers/${serverId}`, { mv: "2.3" });
    expect(server.body.server["os-extended-volumes:volumes_attached"]).toEqual([
      { id: volumeId, delete_on_termination: false },
    ]);
    const list = await c.env.api("GET", `servers/${serverId}/os-volume_attachments`);
    expect(list.body.volumeAttachments).toHaveLength(1);
    // Twice is a conflict; an in-use volume cannot be deleted.
    expect((await c.cinder("DELETE", `/volumes/${volumeId}`)).status).toBe(400);
    // Extending an attached volume needs 3.42 (online extend); then the guest is told the new size.
    const old = await c.cinder("POST", `/volumes/${volumeId}/action`, {
      body: { "os-extend": { new_size: 2 } },
    });
    expect(old.status).toBe(400);
    expect(old.body.badRequest.message).toMatch(/3\.42/);
    const online = await c.cinder("POST", `/volumes/${volumeId}/action`, {
      body: { "os-extend": { new_size: 2 } },
      mv: "3.42",
    });
    expect(online.status, online.text).toBe(202);
    expect((await c.volumeStatus(volumeId, "in-use")).size).toBe(2);
    await waitFor(
      async () =>
        c.compute.volumeConnections.get(serverId)?.find((v) => v.volumeId === volumeId)?.sizeGb === 2,
    );

    const detach = await c.env.api("DELETE", `servers/${serverId}/os-volume_attachments/${volumeId}`);
    expect(detach.status, detach.text).toBe(202);
    const free = await c.volumeStatus(volumeId, "available");
    expect(free.attachments).toEqual([]);
    expect(
      (await c.env.api("GET", `servers/${serverId}/os-volume_attachments`)).body.volumeAttachments,
    ).toEqual([]);
  });

  it("boots a server from a new volume made from an image, and deletes the volume with it", async () => {
    const res = await c.env.api("POST", "servers", {
      mv: "2.37",
      body: {
        server: {
          name: "from-volume",
          flavorRef: FLAVORS.small.id,
          networks: "none",
          block_device_mapping_v2: [
            {
              source_type: "image",
              destination_type: "volume",
              uuid: c.imageId,
              volume_size: 1,
              boot_index: 0,
              delete_on_termination: true,
            },
          ],
        },
      },
    });
    expect(res.status, res.text).toBe(202);
    const serverId = res.body.server.id;
    const active = await waitForStatus(c.env, serverId, "ACTIVE");
    expect(active.body.server.image).toBe("");
    const attached = active.body.server["os-extended-volumes:volumes_attached"];
    expect(attached).toEqual([{ id: expect.any(String), delete_on_termination: true }]);
    const volumeId = attached[0].id;
    const vol = await c.volumeStatus(volumeId, "in-use");
    expect(vol).toMatchObject({ bootable: "true", size: 1 });
    expect(vol.volume_image_metadata).toMatchObject({ image_id: c.imageId });
    expect(vol.attachments).toEqual([expect.objectContaining({ server_id: serverId, device: "/dev/vda" })]);
    // The root volume cannot be detached.
    const detach = await c.env.api("DELETE", `servers/${serverId}/os-volume_attachments/${volumeId}`);
    expect(detach.status).toBe(400);
    expect((await c.env.api("DELETE", `servers/${serverId}`)).status).toBe(204);
    await waitFor(async () => (await c.cinder("GET", `/volumes/${volumeId}`)).status === 404);
  });

  it("boots from an existing volume and refuses what cannot boot", async () => {
    const created = await c.cinder("POST", "/volumes", {
      body: { volume: { size: 1, imageRef: c.imageId } },
    });
    const volumeId = created.body.volume.id;
    await c.volumeStatus(volumeId, "available");
    const boot = (bdm: unknown[], extra: Record<string, unknown> = {}) =>
      c.env.api("POST", "servers", {
        mv: "2.37",
        body: {
          server: {
            name: "bfv",
            flavorRef: FLAVORS.small.id,
            networks: "none",
            block_device_mapping_v2: bdm,
            ...extra,
          },
        },
      });
    const blank = await boot([
      { source_type: "blank", destination_type: "volume", volume_size: 1, boot_index: 0 },
    ]);
    expect(blank.status).toBe(400);
    const twice = await boot([{ source_type: "volume", uuid: volumeId, boot_index: 0 }], { min_count: 2 });
    expect(twice.status).toBe(400);
    const res = await boot([
      { source_type: "volume", destination_type: "volume", uuid: volumeId, boot_index: "0" },
    ]);
    expect(res.status, res.text).toBe(202);
    const serverId = res.body.server.id;
    await waitForStatus(c.env, serverId, "ACTIVE");
    await c.volumeStatus(volumeId, "in-use");
    // Not delete_on_termination: the volume outlives the server.
    expect((await c.env.api("DELETE", `servers/${serverId}`)).status).toBe(204);
    await c.volumeStatus(volumeId, "available");
  });

  it("frees a server's volume when the server is deleted", async () => {
    const serverId = await bootActive(c.env, c.imageId, "deleted-with-volume");
    const created = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const volumeId = created.body.volume.id;
    await c.volumeStatus(volumeId, "available");
    await c.env.api("POST", `servers/${serverId}/os-volume_attachments`, {
      body: { volumeAttachment: { volumeId } },
    });
    await c.volumeStatus(volumeId, "in-use");
    expect((await c.env.api("DELETE", `servers/${serverId}`)).status).toBe(204);
    await c.volumeStatus(volumeId, "available");
  });

  it("keeps a project's volumes, snapshots and attachments away from another project", async () => {
    const created = await c.cinder("POST", "/volumes", { body: { volume: { size: 1, name: "private" } } });
    const id = created.body.volume.id;
    await c.volumeStatus(id, "available");
    const snap = await c.cinder("POST", "/snapshots", { body: { snapshot: { volume_id: id } } });
    const snapId = snap.body.snapshot.id;
    const other = await memberOfNewProject(c.env, `vother${process.pid}`);
    const as = (method: string, path: string, body?: unknown) =>
      cinder(c.env.control, method, path, {
        projectId: other.projectId,
        token: other.token,
        body,
        mv: "3.27",
      });
    // The other project's URL prefix with the demo project's ids: nothing exists for it.
    expect((await as("GET", `/volumes/${id}`)).status).toBe(404);
    expect((await as("PUT", `/volumes/${id}`, { volume: { name: "stolen" } })).status).toBe(404);
    expect((await as("DELETE", `/volumes/${id}`)).status).toBe(404);
    expect((await as("POST", `/volumes/${id}/action`, { "os-extend": { new_size: 5 } })).status).toBe(404);
    expect((await as("GET", `/snapshots/${snapId}`)).status).toBe(404);
    expect((await as("POST", "/volumes", { volume: { snapshot_id: snapId } })).status).toBe(404);
    expect((await as("POST", "/volumes", { volume: { source_volid: id } })).status).toBe(404);
    expect((await as("POST", "/attachments", { attachment: { volume_uuid: id } })).status).toBe(404);
    const listed = await as("GET", "/volumes/detail?all_tenants=1");
    expect(listed.body.volumes.map((v: { id: string }) => v.id)).not.toContain(id);
    // The demo project's URL with the other project's token: Cinder's 400.
    const wrongUrl = await cinder(c.env.control, "GET", `/volumes/${id}`, {
      projectId: c.env.demoProjectId,
      token: other.token,
    });
    expect(wrongUrl.status).toBe(400);
    // Its servers cannot take the volume either.
    const server = await c.env.api("POST", "servers", {
      token: other.token,
      body: {
        server: { name: "other-server", imageRef: c.imageId, flavorRef: FLAVORS.small.id, networks: "none" },
      },
      mv: "2.37",
    });
    expect(server.status, server.text).toBe(202);
    await waitForStatus(c.env, server.body.server.id, "ACTIVE");
    const attach = await c.env.api("POST", `servers/${server.body.server.id}/os-volume_attachments`, {
      token: other.token,
      body: { volumeAttachment: { volumeId: id } },
    });
    expect(attach.status, attach.text).toBe(404);
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume.name).toBe("private");
  });
});
