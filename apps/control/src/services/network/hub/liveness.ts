import { DOWN_AFTER_S } from "../../compute/host-liveness.ts";

/**
 * A network host is alive while its agent heartbeats within the window
 * compute hosts get (Neutron's agent_down_time plays Nova's
 * service_down_time): one rule for `alive` in /v2.0/agents, VXLAN peers
 * and DHCP scheduling.
 */
export function isNetworkHostAlive(host: { lastHeartbeat: Date | null }, now = new Date()): boolean {
  if (!host.lastHeartbeat) return false;
  return now.getTime() - host.lastHeartbeat.getTime() <= DOWN_AFTER_S * 1000;
}
