import { DOWN_AFTER_S } from "../../compute/host-liveness.ts";

/** A volume host is up while its agent heartbeats within the window compute hosts get (Cinder's service_down_time). */
export function isVolumeHostAlive(host: { lastHeartbeat: Date | null }, now = new Date()): boolean {
  if (!host.lastHeartbeat) return false;
  return now.getTime() - host.lastHeartbeat.getTime() <= DOWN_AFTER_S * 1000;
}
