import type { NetworkDesired } from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { rescheduleRouters } from "../l3/scheduler.ts";
import { buildAllDesired } from "./desired.ts";
import type { DhcpPortFactory } from "./dhcp-port.ts";
import { scheduleDhcp } from "./dhcp-scheduler.ts";
import { contentGeneration } from "./digest.ts";
import { loadSnapshot } from "./snapshot.ts";

/**
 * Computes every network host's desired state for one publication: places
 * routers again when hosts came or went, schedules DHCP, builds all states
 * from one snapshot, and bumps ports whose spec changed unannounced.
 */
export class DesiredStates {
  /** Set when hosts came or went: routers are placed again before the next computation. */
  placementDue = true;
  /** Each port's generation and spec digest as last computed. */
  private readonly portDigests = new Map<string, { generation: number; digest: number }>();

  constructor(
    private readonly deps: { prisma: PrismaClient; logger: Logger; createDhcpPort: DhcpPortFactory },
  ) {}

  async compute(): Promise<Map<string, NetworkDesired>> {
    const { prisma, logger } = this.deps;
    if (this.placementDue) {
      this.placementDue = false;
      const moved = await rescheduleRouters(prisma);
      if (moved.length > 0) logger.info({ routers: moved }, "routers placed on other hosts");
    }
    await scheduleDhcp(prisma, logger, this.deps.createDhcpPort);
    const all = buildAllDesired(await loadSnapshot(prisma));
    await this.bumpChangedPorts(all);
    return all;
  }

  /**
   * A port whose spec changed while its generation did not (a security
   * group rule, a remote group's members, anything a service changed
   * without bumping) gets the next generation here, so the agent's report
   * at the old one does not count as wired at the new state.
   */
  private async bumpChangedPorts(all: Map<string, NetworkDesired>): Promise<void> {
    const seen = new Set<string>();
    for (const desired of all.values()) {
      for (const port of desired.ports) {
        const digest = contentGeneration({ ...port, generation: 0 });
        const previous = this.portDigests.get(port.id);
        if (previous && previous.generation === port.generation && previous.digest !== digest) {
          const { count } = await this.deps.prisma.port.updateMany({
            where: { id: port.id, generation: port.generation },
            data: { generation: { increment: 1 } },
          });
          if (count > 0) port.generation += 1;
        }
        this.portDigests.set(port.id, { generation: port.generation, digest });
        seen.add(port.id);
      }
    }
    for (const id of this.portDigests.keys()) if (!seen.has(id)) this.portDigests.delete(id);
  }
}
