import type { FastifyInstance } from "fastify";
import { authorizeVolume } from "../../policy/volume.ts";
import { isVolumeHostAlive } from "../../services/volume/hub/liveness.ts";
import { MAX_OVER_SUBSCRIPTION_RATIO } from "../../services/volume/volumes/scheduler.ts";
import { volumeContext } from "./context.ts";
import { cinderTime } from "./render-volumes.ts";
import { VOLUME_BASE, type VolumeRouteEnv } from "./route-env.ts";

/**
 * `os-services` (the volume service of each volume host, and the scheduler
 * that runs in the control plane) and `scheduler-stats/get_pools` (one pool
 * per host with its capacity): admins only.
 */
export function registerVolumeServiceRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  app.get(`${VOLUME_BASE}/os-services`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "volume_extension:services:index");
    const hosts = await env.volume.hosts();
    const now = new Date();
    const services = hosts.map((h) => ({
      binary: "cinder-volume",
      host: `${h.host}@file`,
      zone: h.availabilityZone,
      status: h.disabled ? "disabled" : "enabled",
      state: isVolumeHostAlive(h, now) ? "up" : "down",
      updated_at: cinderTime(h.lastHeartbeat),
      disabled_reason: h.disabledReason,
      frozen: false,
      replication_status: "disabled",
      active_backend_id: null,
      cluster: null,
    }));
    const scheduler = {
      binary: "cinder-scheduler",
      host: "control",
      zone: "nova",
      status: "enabled",
      state: "up",
      updated_at: cinderTime(now),
      disabled_reason: null,
    };
    return { services: [scheduler, ...services] };
  });

  app.get(`${VOLUME_BASE}/scheduler-stats/get_pools`, async (request, reply) => {
    const ctx = await volumeContext(env.identity, request, reply);
    authorizeVolume(ctx, "scheduler_extension:scheduler_stats:get_pools");
    const detail = typeof request.query === "object" && request.query !== null && "detail" in request.query;
    const hosts = await env.volume.hosts();
    return {
      pools: hosts.map((h) => ({
        name: `${h.host}@file#file`,
        ...(detail
          ? {
              capabilities: {
                volume_backend_name: "file",
                vendor_name: "Zenith",
                driver_version: h.version,
                storage_protocol: "nbd",
                total_capacity_gb: h.totalCapacityGb,
                free_capacity_gb: h.freeCapacityGb,
                allocated_capacity_gb: h.allocatedGb,
                provisioned_capacity_gb: h.allocatedGb,
                thin_provisioning_support: true,
                online_extend_support: true,
                max_over_subscription_ratio: MAX_OVER_SUBSCRIPTION_RATIO,
                thick_provisioning_support: false,
                multiattach: false,
                reserved_percentage: 0,
                timestamp: cinderTime(h.lastHeartbeat),
              },
            }
          : {}),
      })),
    };
  });
}
