import type { Cloud } from "../cloud/clients.ts";
import { volumeQuotaOf } from "./quota.ts";

/**
 * Everything the Create volume dialog offers, in parallel: types, zones,
 * active images, available snapshots and volumes as sources, and quota
 * headroom.
 */
export async function createVolumeOptions(cloud: Cloud, projectId: string) {
  const [cinder, glance] = await Promise.all([cloud.cinder(), cloud.glance()]);
  const [types, zones, images, snapshots, volumes, quota] = await Promise.all([
    cinder.types.list(),
    cinder.quotas.availabilityZones(),
    glance.listAll({ status: "active" }),
    cinder.snapshots.detailAll({ filters: { status: "available" } }),
    cinder.volumes.detailAll(),
    volumeQuotaOf(cinder, projectId),
  ]);
  return {
    types: types.map((t) => ({ id: t.id, name: t.name, description: t.description ?? "" })),
    zones: zones.filter((z) => z.zoneState.available).map((z) => z.zoneName),
    images: images.map((i) => ({
      id: i.id,
      name: i.name ?? i.id,
      /** Smallest volume that holds the image, in GiB. */
      minSize: Math.max(1, i.min_disk, Math.ceil((i.size ?? 0) / 1024 ** 3)),
    })),
    snapshots: snapshots.map((s) => ({ id: s.id, name: s.name || s.id, size: s.size })),
    volumes: volumes
      .filter((v) => v.status === "available" || v.status === "in-use")
      .map((v) => ({ id: v.id, name: v.name || v.id, size: v.size })),
    quota,
  };
}
