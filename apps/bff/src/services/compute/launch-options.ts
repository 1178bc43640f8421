import type { Cloud } from "../cloud/clients.ts";
import { flavorsWithSpecs } from "./flavors.ts";
import { toKeyPair } from "./keypairs.ts";
import { launchNetworkOptionsIfAny } from "./launch-networks.ts";
import { quotaFromLimits, quotaReason } from "./quota.ts";

/**
 * Everything the launch wizard needs, fetched in parallel. Flavors that do
 * not fit the remaining quota carry `disabledReason`; image minimums
 * (min_disk / min_ram) are checked in the browser, per selected image.
 */
const NOT_BOOTABLE = new Set(["aki", "ari"]);

export async function launchOptions(cloud: Cloud, projectId: string) {
  const [nova, glance] = await Promise.all([cloud.nova(), cloud.glance()]);
  const [images, flavors, keyPairs, zones, limits, network] = await Promise.all([
    glance.listAll({ status: "active", sortKey: "name", sortDir: "asc" }),
    flavorsWithSpecs(nova),
    nova.keyPairs.list(),
    nova.hosts.availabilityZones().catch(() => []),
    nova.quotas.limits(),
    launchNetworkOptionsIfAny(cloud, projectId),
  ]);
  const quota = quotaFromLimits(limits, keyPairs.length);
  return {
    // Kernels and ramdisks (AKI/ARI) only serve the images that name them; Horizon hides them too.
    images: images
      .filter((i) => !NOT_BOOTABLE.has(i.disk_format ?? ""))
      .map((i) => ({
        id: i.id,
        name: i.name ?? i.id,
        minDisk: i.min_disk,
        minRam: i.min_ram,
        size: i.size ?? null,
        status: i.status,
      })),
    flavors: flavors.map((f) => {
      const disabledReason = quotaReason(quota, f);
      return disabledReason === undefined ? f : { ...f, disabledReason };
    }),
    keyPairs: keyPairs.map(toKeyPair).map((k) => ({ name: k.name, fingerprint: k.fingerprint })),
    availabilityZones: zones.filter((z) => z.available).map((z) => z.name),
    quota,
    network,
  };
}
