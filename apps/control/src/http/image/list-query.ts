import { ZenithError } from "@zenith/core/errors";
import { z } from "zod";
import { MEMBER_STATUSES, VISIBILITIES } from "../../services/image/attributes.ts";
import type { ImageFilter } from "../../services/image/images.ts";
import { DEFAULT_SORT, parseSortKey, type SortDir, type SortSpec } from "../../services/image/sorting.ts";
import { parse } from "../parse.ts";

/** Glance's `limit_param_default` and `api_limit_max`. */
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 1000;

/** A query value that may repeat (`?tag=a&tag=b`) arrives as a string or an array. */
const many = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();
/** A single-valued parameter: the last one wins when repeated. */
const one = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? (v[v.length - 1] ?? "") : v))
  .optional();
const count = one.pipe(
  z
    .string()
    .regex(/^\d{1,15}$/, "must be a non-negative integer")
    .transform(Number)
    .optional(),
);
const bool = one.pipe(z.enum(["true", "false", "True", "False"]).optional());

const ZListQuery = z.object({
  limit: count,
  marker: one,
  sort: one,
  sort_key: many,
  sort_dir: many,
  name: one,
  id: one,
  status: one,
  disk_format: one,
  container_format: one,
  visibility: one.pipe(z.enum([...VISIBILITIES, "all"]).optional()),
  member_status: one.pipe(z.enum([...MEMBER_STATUSES, "all"]).optional()),
  owner: one,
  tag: many,
  size: count,
  size_min: count,
  size_max: count,
  protected: bool,
  os_hidden: one,
});

/** `in:a,b` (Glance's list operator) or a plain value. */
function values(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return v.startsWith("in:") ? v.slice(3).split(",") : [v];
}

function dirOf(field: string, v: string): SortDir {
  if (v === "asc" || v === "desc") return v;
  throw ZenithError.badRequest(`Invalid value for field '${field}': must be 'asc' or 'desc', not '${v}'`);
}

function parseSort(q: z.infer<typeof ZListQuery>): SortSpec[] {
  if (q.sort !== undefined) {
    if (q.sort_key || q.sort_dir) {
      throw ZenithError.badRequest(
        "Invalid value for field 'sort': it cannot be combined with sort_key or sort_dir",
      );
    }
    return q.sort.split(",").map((part) => {
      const [key = "", dir = "desc"] = part.trim().split(":");
      return { key: parseSortKey(key), dir: dirOf("sort", dir) };
    });
  }
  const keys = q.sort_key ?? [];
  const dirs = (q.sort_dir ?? []).map((d) => dirOf("sort_dir", d));
  if (keys.length === 0) {
    return dirs.length ? DEFAULT_SORT.map((s) => ({ ...s, dir: dirs[0] ?? s.dir })) : DEFAULT_SORT;
  }
  if (dirs.length > 1 && dirs.length !== keys.length) {
    throw ZenithError.badRequest(
      "Invalid value for field 'sort_dir': give one direction, or one per sort_key",
    );
  }
  return keys.map((key, i) => ({ key: parseSortKey(key), dir: dirs[i] ?? dirs[0] ?? "desc" }));
}

export interface ListRequest {
  filter: ImageFilter;
  page: { sort: SortSpec[]; limit: number; marker?: string | undefined };
}

export function parseListQuery(query: unknown): ListRequest {
  const q = parse(ZListQuery, query);
  const filter: ImageFilter = {
    ids: values(q.id),
    names: values(q.name),
    statuses: values(q.status),
    diskFormats: values(q.disk_format),
    containerFormats: values(q.container_format),
    visibility: q.visibility,
    memberStatus: q.member_status,
    owner: q.owner,
    tags: q.tag,
    size: q.size,
    sizeMin: q.size_min,
    sizeMax: q.size_max,
    protected: q.protected === undefined ? undefined : q.protected.toLowerCase() === "true",
  };
  return {
    filter,
    page: { sort: parseSort(q), limit: Math.min(q.limit ?? DEFAULT_LIMIT, MAX_LIMIT), marker: q.marker },
  };
}

/**
 * Glance's paging links: `first` is the query without a marker; `next`
 * repeats it with the last image as marker (the SDK joins `/v2/…` onto its
 * endpoint and follows it until a page comes back without one).
 */
export function pageLinks(
  requestUrl: string,
  lastId: string | undefined,
  more: boolean,
  limit: number,
): { first: string; next?: string } {
  const params = new URL(requestUrl, "http://placeholder").searchParams;
  params.delete("marker");
  const rest = params.toString();
  const links: { first: string; next?: string } = { first: `/v2/images${rest ? `?${rest}` : ""}` };
  if (more && lastId !== undefined) {
    params.delete("limit");
    const next = new URLSearchParams({ marker: lastId, limit: String(limit) });
    for (const [k, v] of params) next.append(k, v);
    links.next = `/v2/images?${next.toString()}`;
  }
  return links;
}
