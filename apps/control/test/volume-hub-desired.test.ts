import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desiredFor } from "../src/services/volume/hub/desired.ts";
import { inventoryTargets } from "./compute-inventory-harness.ts";
import { startTestControl, type TestControl } from "./harness.ts";

/**
 * The volume hub's desired state, read from a real database. An upload
 * carries the disk format of the Glance image it fills: the end-to-end run
 * on QEMU found a qcow2 image filled with raw bytes (the format was looked
 * up only among images volumes are made from).
 */
const all = await inventoryTargets("volume_hub_desired");

describe.each(all)("volume hub desired state ($label)", (target) => {
  let tc: TestControl;
  beforeAll(async () => {
    tc = await startTestControl(target);
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
  });

  it("an upload carries its image's disk format", async () => {
    const prisma = tc.running.db.prisma;
    const host = `hub-${randomUUID().slice(0, 8)}`;
    const type = await prisma.volumeType.findFirstOrThrow({ where: { name: "__DEFAULT__" } });
    const uploads: Array<{ imageId: string; volumeId: string; diskFormat: string }> = [];
    for (const diskFormat of ["qcow2", "raw"]) {
      const imageId = randomUUID();
      const volumeId = randomUUID();
      await prisma.image.create({
        data: {
          id: imageId,
          name: `up-${diskFormat}`,
          status: "saving",
          diskFormat,
          containerFormat: "bare",
        },
      });
      await prisma.volume.create({
        data: {
          id: volumeId,
          projectId: "p",
          userId: "u",
          sizeGb: 1,
          status: "uploading",
          previousStatus: "available",
          volumeTypeId: type.id,
          host,
          uploadImageId: imageId,
        },
      });
      uploads.push({ imageId, volumeId, diskFormat });
    }
    const desired = await desiredFor(prisma, host);
    expect([...desired.uploads].sort((a, b) => a.diskFormat.localeCompare(b.diskFormat))).toEqual(
      [...uploads].sort((a, b) => a.diskFormat.localeCompare(b.diskFormat)),
    );
  });

  it("keeps a detaching attachment's export until the attachment is gone", async () => {
    const prisma = tc.running.db.prisma;
    const host = `hub-${randomUUID().slice(0, 8)}`;
    const type = await prisma.volumeType.findFirstOrThrow({ where: { name: "__DEFAULT__" } });
    const volumeId = randomUUID();
    await prisma.volume.create({
      data: {
        id: volumeId,
        projectId: "p",
        userId: "u",
        sizeGb: 1,
        status: "detaching",
        volumeTypeId: type.id,
        host,
      },
    });
    const exportsOf = async () =>
      (await desiredFor(prisma, host)).exports.map((e) => [e.attachmentId, e.attachedHost]);
    const ids = {
      attached: randomUUID(),
      detaching: randomUUID(),
      attaching: randomUUID(),
      reserved: randomUUID(),
    };
    await prisma.volumeAttachment.createMany({
      data: [
        { id: ids.attached, volumeId, status: "attached", attachedHost: "c1" },
        { id: ids.detaching, volumeId, status: "detaching", attachedHost: "c1" },
        { id: ids.attaching, volumeId, status: "attaching", attachedHost: "c2" },
        // No connector yet: nothing to export.
        { id: ids.reserved, volumeId, status: "reserved", attachedHost: null },
      ],
    });
    expect(await exportsOf()).toEqual(
      [
        [ids.attached, "c1"],
        [ids.detaching, "c1"],
        [ids.attaching, "c2"],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // The compute host reported the device gone: the row goes, and with it the export.
    await prisma.volumeAttachment.delete({ where: { id: ids.detaching } });
    expect((await exportsOf()).map(([id]) => id)).not.toContain(ids.detaching);
  });
});
