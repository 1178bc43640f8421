import { createHttpClient, type FetchLike, type QueryValue } from "../http.ts";
import {
  type AggregatesGroup,
  type AggregatesResult,
  type ArchivePolicy,
  type Measure,
  type Metric,
  type Resource,
  type ResourceType,
  toMeasures,
  ZAggregatesGroup,
  ZAggregatesResponse,
  ZAggregatesResult,
  ZArchivePolicies,
  ZArchivePolicy,
  ZMeasures,
  ZMetric,
  ZMetrics,
  ZResource,
  ZResources,
  ZResourceTypes,
} from "./schemas.ts";

export interface GnocchiClientOptions {
  /** The metric endpoint from the catalog (type `metric`); usually unversioned. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

/** A time bound: an ISO 8601 string, or a Date. */
export type TimeBound = string | Date;

export interface MeasuresQuery {
  start?: TimeBound | undefined;
  stop?: TimeBound | undefined;
  /** Seconds; one of the archive policy's granularities. */
  granularity?: number | undefined;
  /** `mean` (Gnocchi's default), `max`, `sum`, `rate:mean`… */
  aggregation?: string | undefined;
  /** Process measures still waiting in Gnocchi's backlog first. */
  refresh?: boolean | undefined;
  /** Seconds; re-aggregate to a coarser step (needs `granularity`). */
  resample?: number | undefined;
}

export interface ResourceListQuery {
  limit?: number | undefined;
  marker?: string | undefined;
  /** `started_at:desc`, `id:asc`… */
  sort?: string | readonly string[] | undefined;
  /** Include the type's own attributes; Gnocchi's listing omits them otherwise only for `generic`. */
  details?: boolean | undefined;
}

/**
 * A Gnocchi search filter: `{"=": {"instance_id": "…"}}`,
 * `{"and": [{…}, {…}]}`, `{"in": {"id": [...]}}`…
 */
export type SearchFilter = { [operator: string]: unknown };

export interface AggregatesQuery {
  /** The operations, as Gnocchi's string syntax: `(metric <id> mean)`, `(aggregate sum (metric cpu rate:mean))`. */
  operations: string;
  /** With `search`: names metrics by name on each matching resource of this type. */
  resourceType?: string | undefined;
  search?: SearchFilter | string | undefined;
  /** Resource attributes to group by (`project_id`, `instance_id`); only with `resourceType`. */
  groupby?: readonly string[] | undefined;
  start?: TimeBound | undefined;
  stop?: TimeBound | undefined;
  granularity?: number | undefined;
  /** Percent of points that must overlap across series (Gnocchi: 100 unless `fill`). */
  neededOverlap?: number | undefined;
  /** A number, `null` or `dropna` (Gnocchi's default when neither this nor neededOverlap is set). */
  fill?: number | "null" | "dropna" | undefined;
  details?: boolean | undefined;
}

/** The catalog's metric URL is normally the unversioned root; the API lives under `/v1`. */
export function gnocchiV1Url(endpoint: string): string {
  const url = endpoint.replace(/\/+$/, "");
  return /\/v1$/.test(url) ? url : `${url}/v1`;
}

const enc = encodeURIComponent;

function bound(value: TimeBound | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.toISOString();
}

function measuresQuery(q: MeasuresQuery): Record<string, QueryValue> {
  return {
    start: bound(q.start),
    stop: bound(q.stop),
    granularity: q.granularity,
    aggregation: q.aggregation,
    refresh: q.refresh,
    resample: q.resample,
  };
}

function listQuery(q: ResourceListQuery): Record<string, QueryValue> {
  const sort = typeof q.sort === "string" ? [q.sort] : q.sort;
  return { limit: q.limit, marker: q.marker, sort, details: q.details };
}

/** Pages Gnocchi lists by marker (the last id) until a page comes back short. */
async function collectAll<T extends { id: string }>(
  page: (marker: string | undefined) => Promise<T[]>,
  pageSize: number,
  maxItems: number,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const items = await page(marker);
    all.push(...items);
    const last = items.at(-1);
    if (items.length < pageSize || !last || last.id === marker || all.length >= maxItems)
      return all.slice(0, maxItems);
    marker = last.id;
  }
}

const PAGE = 500;
/** A bound on what `listAll`/`searchAll` gather, so a huge cloud cannot exhaust memory. */
const MAX_ITEMS = 20_000;

export function createGnocchiClient(options: GnocchiClientOptions) {
  const http = createHttpClient({
    baseUrl: gnocchiV1Url(options.endpoint),
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });

  const resources = {
    /** One page of resources of a type (`generic` for all). */
    async list(type: string, query: ResourceListQuery = {}): Promise<Resource[]> {
      const res = await http.request({
        path: `resource/${enc(type)}`,
        query: listQuery(query),
        schema: ZResources,
      });
      return res.data;
    },
    async get(type: string, id: string): Promise<Resource> {
      return (await http.request({ path: `resource/${enc(type)}/${enc(id)}`, schema: ZResource })).data;
    },
    /** One page of resources matching a filter (`POST /search/resource/<type>`). */
    async search(type: string, filter: SearchFilter, query: ResourceListQuery = {}): Promise<Resource[]> {
      const res = await http.request({
        method: "POST",
        path: `search/resource/${enc(type)}`,
        query: listQuery(query),
        body: filter,
        schema: ZResources,
      });
      return res.data;
    },
    /** Every matching resource, page by page (bounded). */
    async searchAll(type: string, filter: SearchFilter, query: Omit<ResourceListQuery, "marker"> = {}) {
      const limit = query.limit ?? PAGE;
      return collectAll(
        (marker) => resources.search(type, filter, { ...query, limit, marker, sort: query.sort ?? "id:asc" }),
        limit,
        MAX_ITEMS,
      );
    },
    /** Measures of a resource's metric by name: `GET /resource/<type>/<id>/metric/<name>/measures`. */
    async measures(type: string, id: string, metric: string, query: MeasuresQuery = {}): Promise<Measure[]> {
      const res = await http.request({
        path: `resource/${enc(type)}/${enc(id)}/metric/${enc(metric)}/measures`,
        query: measuresQuery(query),
        schema: ZMeasures,
      });
      return toMeasures(res.data);
    },
  };

  const metrics = {
    async list(query: { limit?: number; marker?: string; name?: string; resourceId?: string } = {}) {
      const res = await http.request({
        path: "metric",
        query: { limit: query.limit, marker: query.marker, name: query.name, resource_id: query.resourceId },
        schema: ZMetrics,
      });
      return res.data;
    },
    async get(id: string): Promise<Metric> {
      return (await http.request({ path: `metric/${enc(id)}`, schema: ZMetric })).data;
    },
    async measures(id: string, query: MeasuresQuery = {}): Promise<Measure[]> {
      const res = await http.request({
        path: `metric/${enc(id)}/measures`,
        query: measuresQuery(query),
        schema: ZMeasures,
      });
      return toMeasures(res.data);
    },
  };

  /**
   * `POST /aggregates`: cross-metric operations. With `groupby` Gnocchi
   * answers a list of groups; `aggregates` always answers that shape
   * (one group with an empty key without `groupby`), so callers handle one.
   */
  async function aggregates(query: AggregatesQuery): Promise<AggregatesGroup[]> {
    const body: Record<string, unknown> = { operations: query.operations };
    if (query.resourceType !== undefined) {
      body.resource_type = query.resourceType;
      body.search = query.search ?? {};
    }
    const groupby = query.resourceType !== undefined ? query.groupby : undefined;
    const res = await http.request({
      method: "POST",
      path: "aggregates",
      query: {
        start: bound(query.start),
        stop: bound(query.stop),
        granularity: query.granularity,
        needed_overlap: query.neededOverlap,
        fill: query.fill,
        details: query.details,
        groupby: groupby && groupby.length > 0 ? [...groupby] : undefined,
      },
      body,
      schema: ZAggregatesResponse,
    });
    const data = res.data;
    if (Array.isArray(data)) return data;
    return [ZAggregatesGroup.parse({ group: {}, measures: data })];
  }

  return {
    http,
    resources,
    metrics,
    aggregates,
    /** The answer of one ungrouped aggregates query. */
    async aggregate(query: Omit<AggregatesQuery, "groupby">): Promise<AggregatesResult> {
      const [first] = await aggregates(query);
      return first?.measures ?? ZAggregatesResult.parse({ measures: {} });
    },
    archivePolicies: {
      async list(): Promise<ArchivePolicy[]> {
        return (await http.request({ path: "archive_policy", schema: ZArchivePolicies })).data;
      },
      async get(name: string): Promise<ArchivePolicy> {
        return (await http.request({ path: `archive_policy/${enc(name)}`, schema: ZArchivePolicy })).data;
      },
    },
    resourceTypes: {
      async list(): Promise<ResourceType[]> {
        return (await http.request({ path: "resource_type", schema: ZResourceTypes })).data;
      },
    },
  };
}

export type GnocchiClient = ReturnType<typeof createGnocchiClient>;
