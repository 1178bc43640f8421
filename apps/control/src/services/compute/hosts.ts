import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { ComputeHost } from "@zenith/db/generated";
import { checkFilterPattern } from "../filter-pattern.ts";

export type HostRow = ComputeHost;

/** The only service binary Zenith runs per host: the agent is nova-compute. */
export const COMPUTE_BINARY = "nova-compute";

export interface HostServer {
  uuid: string;
  name: string;
}

export interface HypervisorQuery {
  /** Substring of the hypervisor hostname (Nova matches with LIKE %pattern%). */
  pattern?: string | undefined;
  limit: number;
  marker?: string | undefined;
}

export interface ServiceUpdate {
  disabled?: boolean;
  disabledReason?: string | null;
  forcedDown?: boolean;
}

/**
 * Compute hosts seen from the API: each `ComputeHost` row (written by the
 * agent hub) is both a nova-compute service and a hypervisor.
 */
export class HostService {
  constructor(private readonly prisma: PrismaClient) {}

  async listServices(filter: { host?: string | undefined; binary?: string | undefined }): Promise<HostRow[]> {
    if (filter.binary !== undefined && filter.binary !== COMPUTE_BINARY) return [];
    return this.prisma.computeHost.findMany({
      where: filter.host === undefined ? {} : { host: filter.host },
      orderBy: { host: "asc" },
    });
  }

  async byId(id: string): Promise<HostRow | null> {
    return this.prisma.computeHost.findUnique({ where: { id } });
  }

  /** The legacy (pre-2.53) actions address a service by host and binary. */
  async byHostAndBinary(host: string, binary: string): Promise<HostRow> {
    const row =
      binary === COMPUTE_BINARY ? await this.prisma.computeHost.findUnique({ where: { host } }) : null;
    if (!row) throw ZenithError.notFound(`Service ${binary} on host ${host} could not be found.`);
    return row;
  }

  async updateService(id: string, update: ServiceUpdate): Promise<HostRow> {
    const data: Prisma.ComputeHostUpdateInput = {};
    if (update.disabled !== undefined) data.disabled = update.disabled;
    if (update.disabledReason !== undefined) data.disabledReason = update.disabledReason;
    if (update.forcedDown !== undefined) data.forcedDown = update.forcedDown;
    const { count } = await this.prisma.computeHost.updateMany({ where: { id }, data });
    if (count === 0) throw serviceNotFound(id);
    const row = await this.byId(id);
    if (!row) throw serviceNotFound(id);
    return row;
  }

  /** As Nova since Stein: a host still running instances cannot be removed. */
  async deleteService(id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const host = await tx.computeHost.findUnique({ where: { id } });
      if (!host) throw serviceNotFound(id);
      const hosted = await tx.instance.count({ where: { hostId: id, deletedAt: null } });
      if (hosted > 0) {
        throw new ZenithError(
          "CONFLICT",
          "Unable to delete compute service that is hosting instances. Migrate or delete the instances first.",
        );
      }
      await tx.computeHost.delete({ where: { id } });
    });
  }

  async listHypervisors(q: HypervisorQuery): Promise<HostRow[]> {
    if (q.pattern !== undefined) checkFilterPattern(q.pattern, "hypervisor_hostname_pattern", "like");
    const rows = await this.prisma.computeHost.findMany({
      where: q.pattern === undefined ? {} : { hypervisorHostname: { contains: q.pattern } },
      orderBy: { id: "asc" },
    });
    if (q.pattern !== undefined && rows.length === 0) {
      throw ZenithError.notFound(`No hypervisor matching '${q.pattern}' could be found.`);
    }
    let start = 0;
    if (q.marker !== undefined) {
      const index = rows.findIndex((r) => r.id === q.marker);
      if (index < 0) throw ZenithError.badRequest(`marker [${q.marker}] not found`);
      start = index + 1;
    }
    return rows.slice(start, start + q.limit);
  }

  async hypervisor(id: string): Promise<HostRow> {
    const row = await this.byId(id);
    if (!row) throw ZenithError.notFound(`Hypervisor with ID ${id} could not be found.`);
    return row;
  }

  /** Instances placed on the given hosts, for `with_servers` and `/servers`. */
  async servers(hostIds: string[]): Promise<Map<string, HostServer[]>> {
    const rows = await this.prisma.instance.findMany({
      where: { hostId: { in: hostIds }, deletedAt: null },
      select: { id: true, name: true, hostId: true },
      orderBy: { createdAt: "asc" },
    });
    const byHost = new Map<string, HostServer[]>();
    for (const row of rows) {
      if (row.hostId === null) continue;
      const list = byHost.get(row.hostId) ?? [];
      list.push({ uuid: row.id, name: row.name });
      byHost.set(row.hostId, list);
    }
    return byHost;
  }

  /** Instances with a task in progress per host: Nova's `current_workload`. */
  async workloads(hostIds: string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.instance.groupBy({
      by: ["hostId"],
      where: { hostId: { in: hostIds }, deletedAt: null, taskState: { not: null } },
      _count: { _all: true },
    });
    const result = new Map<string, number>();
    for (const row of rows) if (row.hostId !== null) result.set(row.hostId, row._count._all);
    return result;
  }

  /** Hypervisors counted in `statistics`: only those of enabled services, as Nova. */
  async enabledHypervisors(): Promise<HostRow[]> {
    return this.prisma.computeHost.findMany({ where: { disabled: false } });
  }

  /**
   * A host's uptime string (`uptime(1)` output). Agents do not report it
   * yet, so this is null and the API answers 501 like a Nova driver
   * without `get_host_uptime`.
   */
  uptime(_host: HostRow): string | null {
    return null;
  }
}

function serviceNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Service ${id} could not be found.`);
}
