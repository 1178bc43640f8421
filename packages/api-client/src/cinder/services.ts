import { type Pool, type VolumeService, ZPoolsResponse, ZVolumeServicesResponse } from "./schemas.ts";
import type { CinderTransport } from "./transport.ts";

/** Admin views of the block storage service: its processes and its pools' capacity. */
export function servicesApi(cinder: CinderTransport) {
  return {
    async list(
      filter: { binary?: string | undefined; host?: string | undefined } = {},
    ): Promise<VolumeService[]> {
      const res = await cinder.request({
        path: "os-services",
        query: { binary: filter.binary, host: filter.host },
        schema: ZVolumeServicesResponse,
      });
      return res.data.services;
    },
    /** `GET /scheduler-stats/get_pools?detail=true`: capacity per backend pool. */
    async pools(): Promise<Pool[]> {
      const res = await cinder.request({
        path: "scheduler-stats/get_pools",
        query: { detail: "true" },
        schema: ZPoolsResponse,
      });
      return res.data.pools;
    },
  };
}
