import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVolumeFlowCloud, type VolumeFlowCloud } from "./volume-flow-harness.ts";

/**
 * An image uploaded from a volume keeps the custom properties of the image
 * the volume was made from, as Cinder's `copy_volume_to_image` does: the
 * end-to-end run on QEMU found an upload of a zenith-tiny volume without
 * its kernel and ramdisk, so no server could boot from it.
 */
describe("volume upload to image: the volume's image properties", () => {
  let c: VolumeFlowCloud;
  beforeAll(async () => {
    c = await startVolumeFlowCloud(`vupprops${process.pid}`);
  });
  afterAll(async () => c?.close());

  it("copies kernel_id, ramdisk_id and other custom properties, not the source image's own fields", async () => {
    const prisma = c.env.control.running.db.prisma;
    await prisma.image.update({
      where: { id: c.imageId },
      data: { properties: { kernel_id: "k-1", ramdisk_id: "r-1", os_distro: "zenith" } },
    });
    const created = await c.cinder("POST", "/volumes", {
      body: { volume: { size: 1, imageRef: c.imageId } },
    });
    expect(created.status, created.text).toBe(202);
    const id = created.body.volume.id as string;
    const vol = await c.volumeStatus(id, "available");
    expect(vol.volume_image_metadata).toMatchObject({ kernel_id: "k-1", image_id: c.imageId });

    const res = await c.cinder("POST", `/volumes/${id}/action`, {
      body: { "os-volume_upload_image": { image_name: "from-ami-volume", disk_format: "qcow2" } },
    });
    expect(res.status, res.text).toBe(202);
    const imageId = res.body["os-volume_upload_image"].image_id as string;
    await c.volumeStatus(id, "available");
    const image = await c.env.control.request("GET", `/image/v2/images/${imageId}`, {
      token: c.env.demoToken,
    });
    expect(image.body).toMatchObject({
      id: imageId,
      name: "from-ami-volume",
      disk_format: "qcow2",
      kernel_id: "k-1",
      ramdisk_id: "r-1",
      os_distro: "zenith",
    });
    expect(image.body).not.toHaveProperty("image_id");
    expect(image.body).not.toHaveProperty("image_name");
  });
});
