import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberOfNewProject } from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";
import { startVolumeFlowCloud, type VolumeFlowCloud } from "./volume-flow-harness.ts";
import { cinder } from "./volume-harness.ts";

/**
 * What the real `openstack` CLI (cinderclient 9.1) tripped on, each fixed
 * in the volume API and proven here at the HTTP level against the real
 * control plane and the real volume agent (fake driver). The CLI runs of
 * the same commands are in tests/openstack-cli/volumes.test.ts.
 */
describe("volume API fixes for the real clients", () => {
  let c: VolumeFlowCloud;
  beforeAll(async () => {
    c = await startVolumeFlowCloud(`vfix${process.pid}`);
  });
  afterAll(async () => c?.close());

  async function availableSnapshot(metadata: Record<string, string>): Promise<string> {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    await c.volumeStatus(vol.body.volume.id, "available");
    const snap = await c.cinder("POST", "/snapshots", {
      body: { snapshot: { volume_id: vol.body.volume.id, metadata } },
    });
    expect(snap.status, snap.text).toBe(202);
    const id: string = snap.body.snapshot.id;
    await waitFor(
      async () => (await c.cinder("GET", `/snapshots/${id}`)).body.snapshot.status === "available",
    );
    return id;
  }

  // `volume snapshot unset --property k` sends DELETE /snapshots/{id}/metadata/k (it used to 404 as an unknown route).
  it("serves one snapshot metadata key: show, set, delete (404 for a key not there)", async () => {
    const id = await availableSnapshot({ k: "v", keep: "me" });
    const one = await c.cinder("GET", `/snapshots/${id}/metadata/k`);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toEqual({ meta: { k: "v" } });

    const set = await c.cinder("PUT", `/snapshots/${id}/metadata/k`, { body: { meta: { k: "w" } } });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ meta: { k: "w" } });
    const mismatch = await c.cinder("PUT", `/snapshots/${id}/metadata/k`, { body: { meta: { x: "w" } } });
    expect(mismatch.status).toBe(400);

    const del = await c.cinder("DELETE", `/snapshots/${id}/metadata/k`);
    expect(del.status, del.text).toBe(200);
    expect((await c.cinder("GET", `/snapshots/${id}/metadata`)).body).toEqual({ metadata: { keep: "me" } });
    const again = await c.cinder("DELETE", `/snapshots/${id}/metadata/k`);
    expect(again.status).toBe(404);
    expect(again.body.itemNotFound.message).toContain("has no metadata with key k");
    expect((await c.cinder("GET", `/snapshots/${id}/metadata/k`)).status).toBe(404);
  });

  it("keeps snapshot metadata keys to the snapshot's project", async () => {
    const id = await availableSnapshot({ k: "v" });
    const other = await memberOfNewProject(c.env, `vfixother${process.pid}`);
    const as = (method: string, body?: unknown) =>
      cinder(c.env.control, method, `/snapshots/${id}/metadata/k`, {
        projectId: other.projectId,
        token: other.token,
        body,
      });
    expect((await as("GET")).status).toBe(404);
    expect((await as("PUT", { meta: { k: "stolen" } })).status).toBe(404);
    expect((await as("DELETE")).status).toBe(404);
    expect((await c.cinder("GET", `/snapshots/${id}/metadata`)).body).toEqual({ metadata: { k: "v" } });
  });

  // `volume set --image-property k=v` / `volume unset --image-property k` send os-set_image_metadata /
  // os-unset_image_metadata (they were "There is no such action").
  it("sets, shows and unsets a volume's image metadata (os-*_image_metadata)", async () => {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const id: string = vol.body.volume.id;
    await c.volumeStatus(id, "available");
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume).not.toHaveProperty("volume_image_metadata");

    const set = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-set_image_metadata": { metadata: { hw_disk_bus: "scsi", os_distro: "debian" } } },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ metadata: { hw_disk_bus: "scsi", os_distro: "debian" } });
    const more = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-set_image_metadata": { metadata: { os_distro: "ubuntu" } } },
    });
    expect(more.body).toEqual({ metadata: { hw_disk_bus: "scsi", os_distro: "ubuntu" } });
    const shown = await c.cinder("GET", `/volumes/${id}`);
    expect(shown.body.volume.volume_image_metadata).toEqual({ hw_disk_bus: "scsi", os_distro: "ubuntu" });
    const listed = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-show_image_metadata": null },
    });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual({ metadata: { hw_disk_bus: "scsi", os_distro: "ubuntu" } });

    const unset = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-unset_image_metadata": { key: "hw_disk_bus" } },
    });
    expect(unset.status, unset.text).toBe(200);
    const missing = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-unset_image_metadata": { key: "hw_disk_bus" } },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.message).toBe("Metadata item was not found.");
    await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-unset_image_metadata": { key: "os_distro" } },
    });
    // Cinder shows the key only while there is image metadata.
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume).not.toHaveProperty("volume_image_metadata");

    const tooLong = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-set_image_metadata": { metadata: { k: "x".repeat(256) } } },
    });
    expect(tooLong.status).toBe(400);
  });

  it("keeps image metadata changes to the volume's project", async () => {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const id: string = vol.body.volume.id;
    await c.volumeStatus(id, "available");
    const other = await memberOfNewProject(c.env, `vfiximg${process.pid}`);
    const res = await cinder(c.env.control, "POST", `/volumes/${id}/action`, {
      projectId: other.projectId,
      token: other.token,
      body: { "os-set_image_metadata": { metadata: { a: "b" } } },
    });
    expect(res.status).toBe(404);
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume).not.toHaveProperty("volume_image_metadata");
  });
  // `volume backup list --name N / --status S / --volume V / --marker M --limit L` sends name, status,
  // volume_id, marker and limit; name, status and marker were ignored, so every backup came back.
  it("filters backups by name, status and volume, and pages them with a marker", async () => {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const volumeId: string = vol.body.volume.id;
    await c.volumeStatus(volumeId, "available");
    const made: string[] = [];
    for (const name of ["bk-a", "bk-b", "bk-c"]) {
      const res = await c.cinder("POST", "/backups", { body: { backup: { volume_id: volumeId, name } } });
      expect(res.status, res.text).toBe(202);
      const id: string = res.body.backup.id;
      made.push(id);
      await waitFor(async () => (await c.cinder("GET", `/backups/${id}`)).body.backup.status === "available");
      await c.volumeStatus(volumeId, "available");
    }
    const ids = (res: { body: { backups: Array<{ id: string }> } }) => res.body.backups.map((b) => b.id);

    const byName = await c.cinder("GET", "/backups/detail?name=bk-b");
    expect(byName.status, byName.text).toBe(200);
    expect(ids(byName)).toEqual([made[1]]);
    expect(ids(await c.cinder("GET", "/backups?name=nope"))).toEqual([]);
    expect(ids(await c.cinder("GET", "/backups/detail?status=error"))).toEqual([]);
    const ofVolume = ids(await c.cinder("GET", `/backups/detail?status=available&volume_id=${volumeId}`));
    expect(ofVolume).toEqual([...made].reverse());

    // Newest first; the next link carries the marker, and the page after the marker is the rest.
    const first = await c.cinder("GET", `/backups/detail?volume_id=${volumeId}&limit=2`);
    expect(ids(first)).toEqual([made[2], made[1]]);
    expect(first.body.backups_links[0].href).toContain(`marker=${made[1]}`);
    const rest = await c.cinder("GET", `/backups/detail?volume_id=${volumeId}&limit=2&marker=${made[1]}`);
    expect(ids(rest)).toEqual([made[0]]);
    expect(rest.body).not.toHaveProperty("backups_links");

    // Another project's marker is not found, and its filters see none of these.
    const other = await memberOfNewProject(c.env, `vfixbk${process.pid}`);
    const theirs = (path: string) =>
      cinder(c.env.control, "GET", path, { projectId: other.projectId, token: other.token });
    expect((await theirs(`/backups/detail?marker=${made[1]}`)).status).toBe(404);
    expect(ids(await theirs("/backups/detail?name=bk-b"))).toEqual([]);
  });
  // `--os-volume-api-version 3.9 volume backup set --name/--description` (and 3.43 `--property`) send
  // PUT /backups/{id}; it was not served.
  it("updates a backup's name, description and (from 3.43) metadata; no route below 3.9, other projects 404", async () => {
    const vol = await c.cinder("POST", "/volumes", { body: { volume: { size: 1 } } });
    const volumeId: string = vol.body.volume.id;
    await c.volumeStatus(volumeId, "available");
    const made = await c.cinder("POST", "/backups", {
      body: { backup: { volume_id: volumeId, name: "old" } },
    });
    const id: string = made.body.backup.id;
    await waitFor(async () => (await c.cinder("GET", `/backups/${id}`)).body.backup.status === "available");

    const old = await c.cinder("PUT", `/backups/${id}`, { body: { backup: { name: "new" } } });
    expect(old.status).toBe(404);
    expect(old.body.itemNotFound.message).toBe("API version 3.0 is not supported on this method.");

    const renamed = await c.cinder("PUT", `/backups/${id}`, {
      mv: "3.9",
      body: { backup: { name: "new", description: "weekly" } },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.backup).toMatchObject({
      id,
      name: "new",
      description: "weekly",
      status: "available",
    });
    const noMeta = await c.cinder("PUT", `/backups/${id}`, {
      mv: "3.9",
      body: { backup: { metadata: { a: "b" } } },
    });
    expect(noMeta.status).toBe(400);
    const meta = await c.cinder("PUT", `/backups/${id}`, {
      mv: "3.43",
      body: { backup: { metadata: { a: "b" } } },
    });
    expect(meta.status, meta.text).toBe(200);
    expect(meta.body.backup).toMatchObject({ name: "new", metadata: { a: "b" } });
    const unknown = await c.cinder("PUT", `/backups/${id}`, {
      mv: "3.9",
      body: { backup: { status: "error" } },
    });
    expect(unknown.status).toBe(400);
    const tooLong = await c.cinder("PUT", `/backups/${id}`, {
      mv: "3.9",
      body: { backup: { name: "x".repeat(256) } },
    });
    expect(tooLong.status).toBe(400);

    const other = await memberOfNewProject(c.env, `vfixbkset${process.pid}`);
    const stolen = await cinder(c.env.control, "PUT", `/backups/${id}`, {
      projectId: other.projectId,
      token: other.token,
      mv: "3.9",
      body: { backup: { name: "stolen" } },
    });
    expect(stolen.status).toBe(404);
    expect((await c.cinder("GET", `/backups/${id}`)).body.backup.name).toBe("new");
  });
});
