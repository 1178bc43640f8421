import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { afterMarkerOldestFirst, OLDEST_FIRST } from "../keyset.ts";
import { ZFlavorSnapshot } from "./flavor-snapshot.ts";

export interface UsageWindow {
  start: Date;
  stop: Date;
}

export interface ServerUsage {
  instanceId: string;
  name: string;
  tenantId: string;
  hours: number;
  memoryMb: number;
  localGb: number;
  vcpus: number;
  flavor: string;
  startedAt: Date;
  endedAt: Date | null;
  state: string;
  uptimeS: number;
}

export interface TenantUsage {
  tenantId: string;
  window: UsageWindow;
  totalHours: number;
  totalMemoryMbUsage: number;
  totalVcpusUsage: number;
  totalLocalGbUsage: number;
  servers: ServerUsage[];
}

export interface UsageQuery {
  window: UsageWindow;
  /** One project (`show`) or all (`index`). */
  projectId?: string | undefined;
  limit?: number | undefined;
  /** An instance uuid: paging is over instances, as Nova (2.40). */
  marker?: string | undefined;
}

/**
 * os-simple-tenant-usage: hours each instance ran inside a window, from
 * `launchedAt`/`terminatedAt` (soft-deleted rows are kept for this). The
 * arithmetic is Nova's `_hours_for`.
 */
export class UsageService {
  constructor(private readonly prisma: PrismaClient) {}

  async usage(
    q: UsageQuery,
    now = new Date(),
  ): Promise<{ tenants: TenantUsage[]; lastInstance: string | null }> {
    const where: Prisma.InstanceWhereInput = {
      launchedAt: { not: null, lt: q.window.stop },
      OR: [
        { terminatedAt: null, deletedAt: null },
        { terminatedAt: { gt: q.window.start } },
        { terminatedAt: null, deletedAt: { gt: q.window.start } },
      ],
    };
    if (q.projectId !== undefined) where.projectId = q.projectId;
    if (q.marker !== undefined) {
      // Looked up among the instances the caller may page over (one project's, for `show`).
      const marker = await this.prisma.instance.findFirst({
        where: { id: q.marker, ...(q.projectId === undefined ? {} : { projectId: q.projectId }) },
        select: { createdAt: true, id: true },
      });
      if (!marker) throw ZenithError.badRequest(`marker [${q.marker}] not found`);
      where.AND = [afterMarkerOldestFirst(marker)];
    }
    const page = await this.prisma.instance.findMany({
      where,
      orderBy: OLDEST_FIRST,
      ...(q.limit === undefined ? {} : { take: q.limit }),
      select: {
        id: true,
        name: true,
        projectId: true,
        flavor: true,
        vmState: true,
        launchedAt: true,
        terminatedAt: true,
        deletedAt: true,
      },
    });
    const tenants = new Map<string, TenantUsage>();
    for (const row of page) {
      const launchedAt = row.launchedAt;
      if (!launchedAt) continue;
      // A soft-deleted instance never marked terminated stopped running when it was deleted.
      const endedAt = row.terminatedAt ?? row.deletedAt;
      const flavor = ZFlavorSnapshot.safeParse(row.flavor);
      const size = flavor.success
        ? {
            name: flavor.data.name,
            vcpus: flavor.data.vcpus,
            ram: flavor.data.ram,
            gb: flavor.data.disk + flavor.data.ephemeral,
          }
        : { name: "", vcpus: 0, ram: 0, gb: 0 };
      const hours = hoursFor(launchedAt, endedAt, q.window);
      const server: ServerUsage = {
        instanceId: row.id,
        name: row.name,
        tenantId: row.projectId,
        hours,
        memoryMb: size.ram,
        localGb: size.gb,
        vcpus: size.vcpus,
        flavor: size.name,
        startedAt: launchedAt,
        endedAt,
        state: endedAt ? "terminated" : row.vmState,
        uptimeS: Math.floor(((endedAt ?? now).getTime() - launchedAt.getTime()) / 1000),
      };
      const tenant = tenants.get(row.projectId) ?? emptyTenant(row.projectId, q.window);
      tenant.totalHours += hours;
      tenant.totalMemoryMbUsage += server.memoryMb * hours;
      tenant.totalVcpusUsage += server.vcpus * hours;
      tenant.totalLocalGbUsage += server.localGb * hours;
      tenant.servers.push(server);
      tenants.set(row.projectId, tenant);
    }
    return { tenants: [...tenants.values()], lastInstance: page.at(-1)?.id ?? null };
  }
}

function emptyTenant(tenantId: string, window: UsageWindow): TenantUsage {
  return {
    tenantId,
    window,
    totalHours: 0,
    totalMemoryMbUsage: 0,
    totalVcpusUsage: 0,
    totalLocalGbUsage: 0,
    servers: [],
  };
}

/** Hours of [launchedAt, endedAt) that fall inside the window (Nova's `_hours_for`). */
export function hoursFor(launchedAt: Date, endedAt: Date | null, window: UsageWindow): number {
  if (endedAt && endedAt < window.start) return 0;
  if (launchedAt > window.stop) return 0;
  const from = Math.max(launchedAt.getTime(), window.start.getTime());
  const to = endedAt ? Math.min(window.stop.getTime(), endedAt.getTime()) : window.stop.getTime();
  return Math.max(0, to - from) / 3_600_000;
}
