/** An agent heartbeats every HEARTBEAT_INTERVAL_S; a host silent for longer than DOWN_AFTER_S is down (Nova's service_down_time). */
export const HEARTBEAT_INTERVAL_S = 10;
export const DOWN_AFTER_S = 60;

export function isHostUp(
  host: { lastHeartbeat: Date | null; forcedDown: boolean },
  now = new Date(),
): boolean {
  if (host.forcedDown || !host.lastHeartbeat) return false;
  return now.getTime() - host.lastHeartbeat.getTime() <= DOWN_AFTER_S * 1000;
}
