import type { ZenithError } from "@zenith/core/errors";
import { badRequest } from "./errors.ts";

/**
 * Neutron's list machinery, shared by every collection of the Network API
 * (networks, subnets, ports here; routers, floating IPs, security groups
 * and their rules reuse it). How a collection uses it:
 *
 * 1. The HTTP layer turns the query string into a `ListQuery`
 *    (http/network/list-query.ts: `fields`, any attribute as a filter,
 *    repeated values meaning OR, `sort_key`/`sort_dir` pairs, `limit`,
 *    `marker`, `page_reverse`, the `tags` family), bounded in size.
 * 2. The service reads the rows the caller may see (tenant scoping in the
 *    database query: its own project, plus shared or external networks;
 *    cloud admins see everything), narrowing the query with `pushDown`
 *    values for plain columns when it can, and renders each row as the
 *    caller sees it (attribute-level policy already applied).
 * 3. `pageOf` filters, sorts and pages the rendered items exactly as
 *    upstream's emulated pagination does (neutron/api/api_common.py), and
 *    says which markers the `<collection>_links` need; `project` applies
 *    `fields`.
 *
 * Filtering on rendered items is deliberate: a filter means the attribute
 * the client sees (`router:external`, `binding:host_id`, `tenant_id`), and
 * an attribute hidden from the caller by policy never matches, so filters
 * cannot probe hidden attributes.
 */
export interface ListQuery {
  /** Attributes to return; empty means all. */
  fields: string[];
  /** attribute → accepted values (any of them matches). */
  filters: Map<string, string[]>;
  sorts: Array<{ key: string; dir: "asc" | "desc" }>;
  /** Page size; undefined means everything. */
  limit: number | undefined;
  marker: string | undefined;
  pageReverse: boolean;
}

export type Rendered = { id: string } & Record<string, unknown>;

/** What one collection tells the machinery about itself. */
export interface CollectionSpec {
  /** Every attribute of the collection (as an admin sees it): the valid filter and sort keys. */
  attributes: ReadonlySet<string>;
  /** Filters that are no plain attribute comparison, e.g. ports' `fixed_ips=ip_address=…`. */
  customFilters?: Readonly<Record<string, (item: Rendered, values: readonly string[]) => boolean>>;
  /** The 404 of a marker that names nothing the caller can see. */
  notFound(id: string): ZenithError;
}

/** The tag filters of Neutron's standard-attr-tag, comma-separated values. */
const TAG_FILTERS = new Set(["tags", "tags-any", "not-tags", "not-tags-any"]);

export interface Page {
  items: Rendered[];
  /** Marker of the `next` link, when there is one. */
  next: string | undefined;
  /** Marker of the `previous` link (sent with page_reverse=True), when there is one. */
  previous: string | undefined;
}

/** The values of `key` when the query filters on it: services narrow their database query with them. */
export function pushDown(query: ListQuery, key: string): string[] | undefined {
  return query.filters.get(key);
}

/** Refuses filters and sort keys the collection does not have (Neutron's filter validation). */
export function validateQuery(spec: CollectionSpec, query: ListQuery): void {
  for (const key of query.filters.keys()) {
    if (spec.attributes.has(key) || TAG_FILTERS.has(key) || spec.customFilters?.[key]) continue;
    throw badRequest(`[${key}] is invalid attribute for filtering`);
  }
  for (const { key } of query.sorts) {
    if (!spec.attributes.has(key)) throw badRequest(`[${key}] is invalid attribute for sort_keys`);
  }
}

export function pageOf(
  spec: CollectionSpec,
  items: readonly Rendered[],
  query: ListQuery,
  marker?: Rendered,
): Page {
  const matching = items.filter((item) => matches(spec, item, query.filters));
  const compare = comparator(query.sorts);
  const sorted = [...matching].sort(compare);
  const { limit } = query;
  if (limit === undefined) return { items: sorted, next: undefined, previous: undefined };
  let page: Rendered[];
  if (query.pageReverse) {
    // The `limit` items just before the marker (or the last ones), in forward order.
    const end = marker ? sorted.filter((item) => compare(item, marker) < 0).length : sorted.length;
    page = sorted.slice(Math.max(0, end - limit), end);
  } else {
    const start = marker ? sorted.filter((item) => compare(item, marker) <= 0).length : 0;
    page = sorted.slice(start, start + limit);
  }
  // Upstream's rule (PaginationEmulatedHelper.get_links): a short page ends the walk in its direction.
  const short = page.length < limit;
  return {
    items: page,
    next: !(short && !query.pageReverse) ? page[page.length - 1]?.id : undefined,
    previous: !(short && query.pageReverse) ? page[0]?.id : undefined,
  };
}

/** Applies `fields` (unknown names are ignored, as upstream). */
export function project(item: Rendered, fields: readonly string[]): Record<string, unknown> {
  if (fields.length === 0) return item;
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in item) out[field] = item[field];
  return out;
}

function matches(spec: CollectionSpec, item: Rendered, filters: ListQuery["filters"]): boolean {
  for (const [key, values] of filters) {
    const custom = spec.customFilters?.[key];
    if (custom) {
      if (!custom(item, values)) return false;
    } else if (TAG_FILTERS.has(key)) {
      if (!tagsMatch(key, item.tags, values)) return false;
    } else if (!(key in item) || !values.some((value) => valueMatches(key, item[key], value))) {
      // An attribute the caller cannot see (policy) matches nothing.
      return false;
    }
  }
  return true;
}

function tagsMatch(key: string, tags: unknown, values: readonly string[]): boolean {
  const have = new Set(Array.isArray(tags) ? tags.map(String) : []);
  const wanted = values.flatMap((v) => v.split(",")).filter((t) => t !== "");
  const all = wanted.every((t) => have.has(t));
  const any = wanted.some((t) => have.has(t));
  if (key === "tags") return all;
  if (key === "tags-any") return any;
  if (key === "not-tags") return !all;
  return !any;
}

function toBoolean(key: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "1") return true;
  if (lower === "false" || lower === "0") return false;
  throw badRequest(`Invalid input for ${key}. Reason: '${value}' cannot be converted to boolean.`);
}

function valueMatches(key: string, actual: unknown, wanted: string): boolean {
  if (typeof actual === "boolean") return actual === toBoolean(key, wanted);
  if (typeof actual === "number") return String(actual) === wanted;
  if (typeof actual === "string") return actual === wanted;
  if (actual === null) return wanted === "" || wanted === "None" || wanted === "null";
  if (Array.isArray(actual)) return actual.some((v) => typeof v !== "object" && String(v) === wanted);
  return false;
}

/** Orders by the sort keys, then by id (upstream always adds it, so pages are stable). */
function comparator(sorts: ListQuery["sorts"]): (a: Rendered, b: Rendered) => number {
  const keys = [...sorts, { key: "id", dir: "asc" as const }];
  return (a, b) => {
    for (const { key, dir } of keys) {
      const order = compareValues(a[key], b[key]);
      if (order !== 0) return dir === "asc" ? order : -order;
    }
    return 0;
  };
}

function rank(value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (typeof ra === "number" && typeof rb === "number") return ra - rb;
  const sa = String(ra);
  const sb = String(rb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
