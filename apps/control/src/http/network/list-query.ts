import { badRequest } from "../../services/network/errors.ts";
import type { ListQuery, Page } from "../../services/network/listing.ts";
import { type NetworkRouteEnv, V2 } from "./route-env.ts";

/** Bounds on what one list request may ask (upstream has none; a public API needs them). */
const MAX_KEYS = 64;
const MAX_VALUES = 200;
const MAX_VALUE_LENGTH = 1024;
/** Pages larger than this are cut to it (and get a `next` link). */
export const MAX_PAGE = 10_000;

const RESERVED = new Set(["fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse"]);

function values(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => (typeof v === "string" ? v : String(v)));
}

/**
 * The query string of a Neutron list (or of a show, for `fields`):
 * repeatable `fields`, `sort_key` and `sort_dir`, `limit`, `marker`,
 * `page_reverse`, and every other key a filter whose repeated values are
 * alternatives.
 */
export function parseListQuery(raw: unknown): ListQuery {
  const query = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const keys = Object.keys(query);
  if (keys.length > MAX_KEYS) throw badRequest(`Too many query parameters (at most ${MAX_KEYS})`);
  const all = new Map<string, string[]>();
  for (const key of keys) {
    const list = values(query[key]);
    if (list.length > MAX_VALUES) throw badRequest(`Too many values for '${key}' (at most ${MAX_VALUES})`);
    if (key.length > 255 || list.some((v) => v.length > MAX_VALUE_LENGTH)) {
      throw badRequest(`Query parameter '${key.slice(0, 64)}' is too long`);
    }
    all.set(key, list);
  }
  const filters = new Map<string, string[]>();
  for (const [key, list] of all) if (!RESERVED.has(key)) filters.set(key, list);

  const sortKeys = all.get("sort_key") ?? [];
  const sortDirs = all.get("sort_dir") ?? [];
  if (sortDirs.length > 0 && sortDirs.length !== sortKeys.length) {
    throw badRequest("The number of sort_keys and sort_dirs must be same");
  }
  const sorts = sortKeys.map((key, i) => {
    const dir = (sortDirs[i] ?? "asc").toLowerCase();
    if (dir !== "asc" && dir !== "desc") {
      throw badRequest(`${sortDirs[i]} is an invalid value for sort_dir, valid value is 'asc' and 'desc'`);
    }
    return { key, dir: dir as "asc" | "desc" };
  });

  return {
    fields: (all.get("fields") ?? []).flatMap((f) => f.split(",")).filter((f) => f !== ""),
    filters,
    sorts,
    limit: limitOf(all.get("limit")),
    marker: single(all, "marker"),
    pageReverse: (single(all, "page_reverse") ?? "false").toLowerCase() === "true",
  };
}

function single(all: Map<string, string[]>, key: string): string | undefined {
  const list = all.get(key);
  if (!list || list.length === 0) return undefined;
  if (list.length > 1) throw badRequest(`'${key}' may be given only once`);
  return list[0];
}

/** `limit`: a non-negative integer; 0 means no limit, as upstream. */
function limitOf(list: string[] | undefined): number | undefined {
  if (!list || list.length === 0) return undefined;
  const text = list[list.length - 1] ?? "";
  if (!/^\d{1,12}$/.test(text)) throw badRequest(`Limit must be an integer 0 or greater and not '${text}'`);
  const limit = Number(text);
  return limit === 0 ? undefined : Math.min(limit, MAX_PAGE);
}

/**
 * `<collection>_links`, as upstream builds them: the request's own query
 * with `marker` (and `page_reverse` for `previous`) replaced.
 */
export function collectionLinks(
  env: NetworkRouteEnv,
  collection: string,
  raw: unknown,
  page: Page,
): Array<{ rel: string; href: string }> {
  const query = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const href = (marker: string, reverse: boolean) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (key === "marker" || key === "page_reverse") continue;
      for (const v of values(value)) params.append(key, v);
    }
    params.append("marker", marker);
    if (reverse) params.append("page_reverse", "True");
    return `${env.publicUrl()}${V2}/${collection}?${params.toString()}`;
  };
  const links: Array<{ rel: string; href: string }> = [];
  if (page.next !== undefined) links.push({ rel: "next", href: href(page.next, false) });
  if (page.previous !== undefined) links.push({ rel: "previous", href: href(page.previous, true) });
  return links;
}
