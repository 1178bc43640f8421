/**
 * The read side of Gnocchi's resources and metrics, scoped: a member sees
 * the resources of its project (never hosts, which have none), a cloud
 * admin sees all. Anything out of scope is "not found", as if absent.
 */

import { RESOURCE_TYPES } from "@zenith/agent-protocol/metering";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { uuid5 } from "./subjects.ts";

export interface MetricCaller {
  /** The token's project; every lookup is scoped to it unless `isAdmin`. */
  projectId: string | null;
  isAdmin: boolean;
}

export type ResourceRow = Prisma.MetricResourceGetPayload<{ include: { metrics: true } }>;
export type MetricRow = Prisma.MetricGetPayload<{ include: { resource: true } }>;

export const GENERIC_TYPE = "generic";
export const RESOURCE_TYPE_NAMES: readonly string[] = [GENERIC_TYPE, ...RESOURCE_TYPES];

const MAX_LIMIT = 1_000;

export function scopeWhere(caller: MetricCaller): Prisma.MetricResourceWhereInput {
  if (caller.isAdmin) return {};
  // No project (an unscoped or system token) sees nothing; null project_id (hosts) never matches.
  return { projectId: caller.projectId ?? "\u0000none" };
}

function typeWhere(type: string): Prisma.MetricResourceWhereInput {
  if (!RESOURCE_TYPE_NAMES.includes(type)) throw ZenithError.notFound(`Resource type ${type}`);
  return type === GENERIC_TYPE ? {} : { type };
}

/** A resource named by its id or, as Gnocchi allows, by its original resource id. */
function idWhere(type: string, id: string): Prisma.MetricResourceWhereInput {
  return { OR: [{ id }, { originalResourceId: id }, { id: uuid5(`${type}:${id}`) }] };
}

export interface ListOptions {
  limit?: number | undefined;
  marker?: string | undefined;
  /** Gnocchi's `sort=<attr>:<asc|desc>`; id is the tie-breaker. */
  sort?: { field: "id" | "started_at" | "ended_at" | "project_id" | "type"; dir: "asc" | "desc" } | undefined;
}

const SORT_COLUMN = {
  id: "id",
  started_at: "startedAt",
  ended_at: "endedAt",
  project_id: "projectId",
  type: "type",
} as const;

export class MetricResources {
  constructor(private readonly prisma: PrismaClient) {}

  async list(
    caller: MetricCaller,
    type: string,
    options: ListOptions,
    filter: Prisma.MetricResourceWhereInput = {},
  ): Promise<ResourceRow[]> {
    const where: Prisma.MetricResourceWhereInput = { AND: [typeWhere(type), scopeWhere(caller), filter] };
    const sort = options.sort ?? { field: "id", dir: "asc" };
    const column = SORT_COLUMN[sort.field];
    if (options.marker) {
      const marker = await this.prisma.metricResource.findFirst({
        where: { AND: [{ id: options.marker }, scopeWhere(caller)] },
      });
      if (!marker) throw ZenithError.badRequest(`Invalid marker: \`${options.marker}'`);
    }
    return this.prisma.metricResource.findMany({
      where,
      include: { metrics: true },
      orderBy: column === "id" ? [{ id: sort.dir }] : [{ [column]: sort.dir }, { id: "asc" }],
      take: Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT),
      ...(options.marker ? { cursor: { id: options.marker }, skip: 1 } : {}),
    });
  }

  /**
   * How many resources of a type the filter finds that have a metric of
   * each name: the series an aggregates query by name would read, counted
   * before anything is loaded.
   */
  async countByMetricName(
    caller: MetricCaller,
    type: string,
    filter: Prisma.MetricResourceWhereInput,
    names: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await this.prisma.metric.groupBy({
      by: ["name"],
      where: { name: { in: [...names] }, resource: { AND: [typeWhere(type), scopeWhere(caller), filter] } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.name, r._count._all]));
  }

  /**
   * Every resource of a type the filter finds that has a metric of one of
   * the names, with those metrics only, in id order; at most `max` (the
   * caller checked the count first, so more means resources appeared since).
   */
  async withMetrics(
    caller: MetricCaller,
    type: string,
    filter: Prisma.MetricResourceWhereInput,
    names: readonly string[],
    max: number,
  ): Promise<ResourceRow[]> {
    const named = { name: { in: [...names] } };
    return this.prisma.metricResource.findMany({
      where: { AND: [typeWhere(type), scopeWhere(caller), filter, { metrics: { some: named } }] },
      include: { metrics: { where: named } },
      orderBy: { id: "asc" },
      take: max,
    });
  }

  async get(caller: MetricCaller, type: string, id: string): Promise<ResourceRow> {
    const row = await this.prisma.metricResource.findFirst({
      where: { AND: [typeWhere(type), scopeWhere(caller), idWhere(type, id)] },
      include: { metrics: true },
    });
    if (!row) throw ZenithError.notFound(`Resource ${id}`);
    return row;
  }

  async metric(caller: MetricCaller, id: string): Promise<MetricRow> {
    const row = await this.prisma.metric.findFirst({
      where: { id, resource: scopeWhere(caller) },
      include: { resource: true },
    });
    if (!row) throw ZenithError.notFound(`Metric ${id}`);
    return row;
  }

  async metricOf(caller: MetricCaller, type: string, resourceId: string, name: string): Promise<MetricRow> {
    const resource = await this.get(caller, type, resourceId);
    const row = await this.prisma.metric.findFirst({
      where: { resourceId: resource.id, name },
      include: { resource: true },
    });
    if (!row) throw ZenithError.notFound(`Metric ${name}`);
    return row;
  }

  async metrics(caller: MetricCaller, options: { limit?: number; marker?: string; name?: string }) {
    return this.prisma.metric.findMany({
      where: { resource: scopeWhere(caller), ...(options.name ? { name: options.name } : {}) },
      include: { resource: true },
      orderBy: { id: "asc" },
      take: Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT),
      ...(options.marker ? { cursor: { id: options.marker }, skip: 1 } : {}),
    });
  }

  /** Metrics by id, all in scope or a 404 naming the first that is not. */
  async metricsByIds(caller: MetricCaller, ids: readonly string[]): Promise<MetricRow[]> {
    const rows = await this.prisma.metric.findMany({
      where: { id: { in: [...ids] }, resource: scopeWhere(caller) },
      include: { resource: true },
    });
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = found.get(id);
      if (!row) throw ZenithError.notFound(`Metric ${id}`);
      return row;
    });
  }
}
