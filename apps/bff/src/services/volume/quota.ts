import type { CinderClient } from "@zenith/api-client/cinder";
import { ZenithError } from "@zenith/core/errors";
import type { Cloud } from "../cloud/clients.ts";

export interface VolumeQuota {
  volumes: { used: number; limit: number };
  gigabytes: { used: number; limit: number };
  snapshots: { used: number; limit: number };
  backups: { used: number; limit: number };
}

/** Used (in use + reserved) and limit (-1 unlimited) per resource, from one `?usage=true` call. */
export async function volumeQuotaOf(cinder: CinderClient, projectId: string): Promise<VolumeQuota> {
  const usage = await cinder.quotas.usage(projectId);
  const pick = (key: string) => {
    const u = usage[key];
    return { used: (u?.in_use ?? 0) + (u?.reserved ?? 0), limit: u?.limit ?? -1 };
  };
  return {
    volumes: pick("volumes"),
    gigabytes: pick("gigabytes"),
    snapshots: pick("snapshots"),
    backups: pick("backups"),
  };
}

/** The overview's volume quota, or null on a cloud without block storage in its catalog. */
export async function volumeUsage(cloud: Cloud, projectId: string): Promise<VolumeQuota | null> {
  let cinder: CinderClient;
  try {
    cinder = await cloud.cinder();
  } catch (err) {
    if (err instanceof ZenithError && err.code === "SERVICE_UNAVAILABLE") return null;
    throw err;
  }
  return volumeQuotaOf(cinder, projectId);
}
