import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { InstanceAction, InstanceActionEvent } from "@zenith/db/generated";
import type { Caller } from "./caller.ts";
import { findServer } from "./lookup.ts";

export type ActionWithEvents = InstanceAction & { events: InstanceActionEvent[] };

/** `os-instance-actions`: newest first, as Nova. Deleted servers' history stays readable. */
export class ActionHistory {
  constructor(private readonly prisma: PrismaClient) {}

  async list(
    caller: Caller,
    serverId: string,
    page: { limit?: number | undefined; marker?: string | undefined; changesSince?: Date | undefined },
  ): Promise<InstanceAction[]> {
    await findServer(this.prisma, caller, serverId, { includeDeleted: true });
    let before: Date | undefined;
    if (page.marker !== undefined) {
      const marker = await this.prisma.instanceAction.findFirst({
        where: { instanceId: serverId, requestId: page.marker },
      });
      if (!marker) throw ZenithError.badRequest(`Marker ${page.marker} could not be found.`);
      before = marker.startTime;
    }
    return this.prisma.instanceAction.findMany({
      where: {
        instanceId: serverId,
        ...(before ? { startTime: { lt: before } } : {}),
        ...(page.changesSince ? { updatedAt: { gte: page.changesSince } } : {}),
      },
      orderBy: [{ startTime: "desc" }, { id: "desc" }],
      ...(page.limit !== undefined ? { take: page.limit } : {}),
    });
  }

  async get(caller: Caller, serverId: string, requestId: string): Promise<ActionWithEvents> {
    await findServer(this.prisma, caller, serverId, { includeDeleted: true });
    const action = await this.prisma.instanceAction.findFirst({
      where: { instanceId: serverId, requestId },
      include: { events: { orderBy: { startTime: "asc" } } },
    });
    if (!action) {
      throw ZenithError.notFound(`Action ${requestId} on instance ${serverId} could not be found.`);
    }
    return action;
  }
}
