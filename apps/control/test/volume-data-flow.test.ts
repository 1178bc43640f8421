import { agentBackupFilePath } from "@zenith/agent-protocol/volume";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberOfNewProject } from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";
import { startVolumeFlowCloud, type VolumeFlowCloud } from "./volume-flow-harness.ts";
import { cinder } from "./volume-harness.ts";

/**
 * What moves a volume's data elsewhere, through the real control plane and
 * the real volume agent: upload to a Glance image, backup and restore
 * (the backup's file kept by the control plane), and transfer to another
 * project with its one-time key.
 */
describe("volume uploads, backups and transfers", () => {
  let c: VolumeFlowCloud;
  beforeAll(async () => {
    c = await startVolumeFlowCloud(`vdata${process.pid}`);
  });
  afterAll(async () => c?.close());

  const newVolume = async (size = 1) => {
    const res = await c.cinder("POST", "/volumes", { body: { volume: { size } } });
    expect(res.status, res.text).toBe(202);
    await c.volumeStatus(res.body.volume.id, "available");
    return res.body.volume.id as string;
  };

  it("uploads a volume to an active Glance image and returns the volume to available", async () => {
    const id = await newVolume();
    const res = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-volume_upload_image": { image_name: "from-volume", disk_format: "qcow2" } },
    });
    expect(res.status, res.text).toBe(202);
    const imageId = res.body["os-volume_upload_image"].image_id;
    expect(res.body["os-volume_upload_image"]).toMatchObject({
      status: "uploading",
      image_name: "from-volume",
    });
    await c.volumeStatus(id, "available");
    const image = await c.env.control.request("GET", `/image/v2/images/${imageId}`, {
      token: c.env.demoToken,
    });
    expect(image.body).toMatchObject({ status: "active", name: "from-volume", disk_format: "qcow2" });
    expect(image.body.size).toBeGreaterThan(0);
    // A member cannot publish an image this way.
    const pub = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-volume_upload_image": { image_name: "public", visibility: "public" } },
    });
    expect(pub.status).toBe(403);
  });

  it("backs a volume up, restores the backup into a new volume, and deletes the backup", async () => {
    const id = await newVolume(2);
    const res = await c.cinder("POST", "/backups", { body: { backup: { volume_id: id, name: "b1" } } });
    expect(res.status, res.text).toBe(202);
    const backupId = res.body.backup.id;
    await waitFor(
      async () => (await c.cinder("GET", `/backups/${backupId}`)).body.backup.status === "available",
    );
    const shown = (await c.cinder("GET", `/backups/${backupId}`)).body.backup;
    expect(shown).toMatchObject({ volume_id: id, size: 2, name: "b1", object_count: 1 });
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume.status).toBe("available");
    const restore = await c.cinder("POST", `/backups/${backupId}/restore`, {
      body: { restore: { name: "back" } },
    });
    expect(restore.status, restore.text).toBe(202);
    const restored = await c.volumeStatus(restore.body.restore.volume_id, "available");
    expect(restored).toMatchObject({ name: "back", size: 2 });
    // Into an existing volume: refused with what to do instead.
    const into = await c.cinder("POST", `/backups/${backupId}/restore`, {
      body: { restore: { volume_id: id } },
    });
    expect(into.status).toBe(400);
    expect((await c.cinder("DELETE", `/backups/${backupId}`)).status).toBe(202);
    expect((await c.cinder("GET", `/backups/${backupId}`)).status).toBe(404);
  });

  it("lets a volume host read and write only the backup data of its own volumes", async () => {
    const id = await newVolume();
    const prisma = c.env.control.running.db.prisma;
    const vol = await prisma.volume.findUniqueOrThrow({ where: { id } });
    // A backup its own host is making (written as the API would, without the agent picking it up yet).
    const backup = await prisma.volumeBackup.create({
      data: {
        id: crypto.randomUUID(),
        projectId: vol.projectId,
        userId: vol.userId,
        volumeId: id,
        sizeGb: 1,
        status: "creating",
        host: "some-other-host",
      },
    });
    const intruder = await c.env.control.running.enrolHost(`intruder-${process.pid}`);
    const path = `${c.env.control.url}${agentBackupFilePath(backup.id)}`;
    const as = (token: string, method: string) =>
      fetch(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
        body: method === "PUT" ? "stolen" : undefined,
      });
    // Another host's credential: as if the backup did not exist, both ways.
    expect((await as(intruder, "PUT")).status).toBe(404);
    expect((await as(intruder, "GET")).status).toBe(404);
    // Without a credential: 401.
    expect((await fetch(path)).status).toBe(401);
    await prisma.volumeBackup.delete({ where: { id: backup.id } });
  });

  it("transfers a volume to another project with the one-time key, and never with a wrong one", async () => {
    const id = await newVolume();
    const offer = await c.cinder("POST", "/os-volume-transfer", {
      body: { transfer: { volume_id: id, name: "t" } },
    });
    expect(offer.status, offer.text).toBe(202);
    const { id: transferId, auth_key: key } = offer.body.transfer;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect((await c.cinder("GET", `/volumes/${id}`)).body.volume.status).toBe("awaiting-transfer");
    // The key is shown once.
    expect((await c.cinder("GET", `/os-volume-transfer/${transferId}`)).text).not.toContain(key);
    const other = await memberOfNewProject(c.env, `vtransfer${process.pid}`);
    const as = (method: string, path: string, body?: unknown) =>
      cinder(c.env.control, method, path, { projectId: other.projectId, token: other.token, body });
    expect(
      (
        await as("POST", `/os-volume-transfer/${transferId}/accept`, {
          accept: { auth_key: "0000000000000000" },
        })
      ).status,
    ).toBe(400);
    expect((await as("GET", `/volumes/${id}`)).status).toBe(404);
    const accepted = await as("POST", `/os-volume-transfer/${transferId}/accept`, {
      accept: { auth_key: key },
    });
    expect(accepted.status, accepted.text).toBe(202);
    expect((await as("GET", `/volumes/${id}`)).body.volume).toMatchObject({ status: "available" });
    expect((await c.cinder("GET", `/volumes/${id}`)).status).toBe(404);
    // Spent.
    expect(
      (await as("POST", `/os-volume-transfer/${transferId}/accept`, { accept: { auth_key: key } })).status,
    ).toBe(404);
  });
});
