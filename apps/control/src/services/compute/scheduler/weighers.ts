import type { HostState } from "./filters.ts";

/** `spread` (Nova's default RAM weigher, multiplier 1.0) or `pack` (multiplier -1.0). */
export type PlacementStrategy = "spread" | "pack";

function freeRamMb(host: HostState): number {
  return host.memoryMb * host.ramAllocationRatio - host.memoryMbUsed;
}

/**
 * Orders candidates best first: spread puts the host with the most free RAM
 * first, pack the one with the least. The host name breaks ties so that
 * placement is deterministic.
 */
export function rankHosts<H extends HostState>(hosts: H[], strategy: PlacementStrategy): H[] {
  const sign = strategy === "spread" ? -1 : 1;
  return [...hosts].sort(
    (a, b) => sign * (freeRamMb(a) - freeRamMb(b)) || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0),
  );
}
