import { markerOf, nextLink } from "./schemas/common.ts";
import {
  type ComputeService,
  type Hypervisor,
  ZAvailabilityZonesResponse,
  ZComputeServiceResponse,
  ZComputeServicesResponse,
  ZHypervisorsResponse,
} from "./schemas/hosts.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

export function hostsApi(nova: NovaTransport) {
  return {
    /** Zones usable for boot (`os-availability-zone`); admins may ask for `detail`. */
    async availabilityZones(): Promise<{ name: string; available: boolean }[]> {
      const res = await nova.request({ path: "os-availability-zone", schema: ZAvailabilityZonesResponse });
      return res.data.availabilityZoneInfo.map((z) => ({
        name: z.zoneName,
        available: z.zoneState.available,
      }));
    },
    /** Every hypervisor with details (admin), following `next` links (paged from 2.33). */
    async hypervisors(): Promise<Hypervisor[]> {
      const all: Hypervisor[] = [];
      let marker: string | undefined;
      for (let guard = 0; guard < 1000; guard++) {
        const res = await nova.request({
          path: "os-hypervisors/detail",
          query: { marker },
          schema: ZHypervisorsResponse,
        });
        all.push(...res.data.hypervisors);
        const next = markerOf(nextLink(res.data.hypervisors_links));
        if (!next || next === marker || res.data.hypervisors.length === 0) break;
        marker = next;
      }
      return all;
    },
    /** `os-services` (admin), optionally by host or binary. */
    async services(filter: { host?: string; binary?: string } = {}): Promise<ComputeService[]> {
      const res = await nova.request({
        path: "os-services",
        query: filter,
        schema: ZComputeServicesResponse,
      });
      return res.data.services;
    },
    /**
     * Enables or disables a service (UUID ids, 2.53+); a reason is kept
     * only when disabling, as Nova does.
     */
    async updateService(
      id: string,
      patch: { status?: "enabled" | "disabled"; disabledReason?: string | undefined; forcedDown?: boolean },
    ): Promise<ComputeService> {
      const res = await nova.request({
        method: "PUT",
        path: `os-services/${enc(id)}`,
        body: defined({
          status: patch.status,
          disabled_reason: patch.status === "disabled" ? patch.disabledReason : undefined,
          forced_down: patch.forcedDown,
        }),
        schema: ZComputeServiceResponse,
      });
      return res.data.service;
    },
  };
}
