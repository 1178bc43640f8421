import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { OWNER } from "./snapshot.ts";

export type PortsActiveListener = (instanceId: string) => void | Promise<void>;

/**
 * Whether an instance's ports are wired, and a hook when they all become
 * ACTIVE: compute waits for it before BUILD → ACTIVE, as Nova waits for
 * Neutron's network-vif-plugged event.
 */
export class PortWiring {
  private readonly listeners: PortsActiveListener[] = [];

  constructor(private readonly deps: { prisma: PrismaClient; logger: Logger }) {}

  /** True when every compute port of the instance is ACTIVE (an instance with no port has nothing to wait for). */
  async portsWired(instanceId: string): Promise<boolean> {
    const pending = await this.deps.prisma.port.count({
      where: {
        deviceId: instanceId,
        deviceOwner: { startsWith: OWNER.computePrefix },
        status: { not: "ACTIVE" },
      },
    });
    return pending === 0;
  }

  /** `listener` runs with the instance id each time the last of its ports becomes ACTIVE. */
  onInstancePortsActive(listener: PortsActiveListener): void {
    this.listeners.push(listener);
  }

  /** Called by the hub with the instances some of whose ports just became ACTIVE. */
  async portsActivated(instanceIds: Iterable<string>): Promise<void> {
    for (const instanceId of new Set(instanceIds)) {
      if (!instanceId || !(await this.portsWired(instanceId))) continue;
      for (const listener of this.listeners) {
        try {
          await listener(instanceId);
        } catch (err) {
          this.deps.logger.error({ err, instanceId }, "ports-active listener failed");
        }
      }
    }
  }
}
