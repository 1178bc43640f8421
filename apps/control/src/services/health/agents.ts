import type { PrismaClient } from "@zenith/db/client";
import { isHostUp } from "../compute/host-liveness.ts";
import { isNetworkHostAlive } from "../network/hub/liveness.ts";
import { isVolumeHostAlive } from "../volume/hub/liveness.ts";

/** The agent kinds the control plane serves, one hub each. */
export const AGENT_KINDS = ["compute", "network", "volume"] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/**
 * What the health metrics read of one hub: whether a host's agent holds a
 * WebSocket to this process now, and how many desired-state publications
 * wait in its outbound chain.
 */
export interface HubProbe {
  isConnected(host: { id: string; host: string }): boolean;
  queuedPublications(): number;
}

export type HubProbes = Readonly<Record<AgentKind, HubProbe>>;

/** What the three hubs offer, each keyed as it keys its sessions. */
export interface AgentHubs {
  compute: { isConnected(hostId: string): boolean; queuedPublications(): number };
  network: { isConnected(host: string): boolean; queuedPublications(): number };
  volume: { isConnected(host: string): boolean; queuedPublications(): number };
}

/** Adapts the hubs to one shape: the compute hub keys sessions by host id, the others by host name. */
export function probesOf(hubs: AgentHubs): HubProbes {
  return {
    compute: {
      isConnected: (h) => hubs.compute.isConnected(h.id),
      queuedPublications: () => hubs.compute.queuedPublications(),
    },
    network: {
      isConnected: (h) => hubs.network.isConnected(h.host),
      queuedPublications: () => hubs.network.queuedPublications(),
    },
    volume: {
      isConnected: (h) => hubs.volume.isConnected(h.host),
      queuedPublications: () => hubs.volume.queuedPublications(),
    },
  };
}

/** One registered agent host as the health metrics show it. */
export interface AgentHostHealth {
  kind: AgentKind;
  host: string;
  /**
   * Up by the APIs' own rule (heartbeat within DOWN_AFTER_S, and for
   * compute not forced down): what `openstack compute service list`,
   * `network agent list` and `volume service list` say.
   */
  up: boolean;
  /** Its agent holds a WebSocket to this control plane process now. */
  connected: boolean;
}

/**
 * Every registered compute, network and volume host with its liveness.
 * Hosts are few (one row per machine), so all are read: the label set a
 * scrape produces is bounded by the hosts table.
 */
export async function readAgentHosts(
  prisma: PrismaClient,
  probes: HubProbes,
  now = new Date(),
): Promise<AgentHostHealth[]> {
  const select = { id: true, host: true, lastHeartbeat: true } as const;
  const [compute, network, volume] = await Promise.all([
    prisma.computeHost.findMany({ select: { ...select, forcedDown: true }, orderBy: { host: "asc" } }),
    prisma.networkHost.findMany({ select, orderBy: { host: "asc" } }),
    prisma.volumeHost.findMany({ select, orderBy: { host: "asc" } }),
  ]);
  return [
    ...compute.map((h) => ({
      kind: "compute" as const,
      host: h.host,
      up: isHostUp(h, now),
      connected: probes.compute.isConnected(h),
    })),
    ...network.map((h) => ({
      kind: "network" as const,
      host: h.host,
      up: isNetworkHostAlive(h, now),
      connected: probes.network.isConnected(h),
    })),
    ...volume.map((h) => ({
      kind: "volume" as const,
      host: h.host,
      up: isVolumeHostAlive(h, now),
      connected: probes.volume.isConnected(h),
    })),
  ];
}
