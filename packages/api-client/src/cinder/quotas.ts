import {
  type VolumeAvailabilityZone,
  type VolumeQuotaUsage,
  ZAvailabilityZonesResponse,
  ZVolumeLimitsResponse,
  ZVolumeQuotaSetResponse,
  ZVolumeQuotaUsageResponse,
} from "./schemas.ts";
import { type CinderTransport, enc } from "./transport.ts";

/** Only the numeric entries (drops `id`). */
function numbers<T>(record: Record<string, T | string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) if (typeof value !== "string") out[key] = value;
  return out;
}

export function quotasApi(cinder: CinderTransport) {
  return {
    /** Limits per resource (`volumes`, `gigabytes`, `snapshots`, `backups`, per-type keys…). */
    async get(projectId: string): Promise<Record<string, number>> {
      const res = await cinder.request({
        path: `os-quota-sets/${enc(projectId)}`,
        schema: ZVolumeQuotaSetResponse,
      });
      return numbers(res.data.quota_set);
    },
    /** Limit, in use and reserved per resource. */
    async usage(projectId: string): Promise<Record<string, VolumeQuotaUsage>> {
      const res = await cinder.request({
        path: `os-quota-sets/${enc(projectId)}`,
        query: { usage: "true" },
        schema: ZVolumeQuotaUsageResponse,
      });
      return numbers(res.data.quota_set);
    },
    async defaults(projectId: string): Promise<Record<string, number>> {
      const res = await cinder.request({
        path: `os-quota-sets/${enc(projectId)}/defaults`,
        schema: ZVolumeQuotaSetResponse,
      });
      return numbers(res.data.quota_set);
    },
    async update(projectId: string, limits: Record<string, number>): Promise<Record<string, number>> {
      const res = await cinder.request({
        method: "PUT",
        path: `os-quota-sets/${enc(projectId)}`,
        body: { quota_set: limits },
        schema: ZVolumeQuotaSetResponse,
      });
      return numbers(res.data.quota_set);
    },
    /** `GET /limits`: `maxTotalVolumes`, `totalVolumesUsed`, … */
    async limits(): Promise<Record<string, number>> {
      return (await cinder.request({ path: "limits", schema: ZVolumeLimitsResponse })).data.limits.absolute;
    },
    async availabilityZones(): Promise<VolumeAvailabilityZone[]> {
      return (await cinder.request({ path: "os-availability-zone", schema: ZAvailabilityZonesResponse })).data
        .availabilityZoneInfo;
    },
  };
}
