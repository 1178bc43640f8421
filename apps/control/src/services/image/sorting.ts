import { ZenithError } from "@zenith/core/errors";
import type { Image } from "@zenith/db/generated";

export type SortDir = "asc" | "desc";
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

type Sortable = string | number | bigint | Date | boolean | null;

/** Glance's sortable attributes and how to read each from a row. */
const SORT_KEYS = {
  name: (i: Image) => i.name,
  status: (i: Image) => i.status,
  container_format: (i: Image) => i.containerFormat,
  disk_format: (i: Image) => i.diskFormat,
  size: (i: Image) => i.size,
  virtual_size: (i: Image) => i.virtualSize,
  id: (i: Image) => i.id,
  created_at: (i: Image) => i.createdAt,
  updated_at: (i: Image) => i.updatedAt,
  min_disk: (i: Image) => i.minDisk,
  min_ram: (i: Image) => i.minRam,
  owner: (i: Image) => i.ownerId,
  visibility: (i: Image) => i.visibility,
  protected: (i: Image) => i.protected,
} satisfies Record<string, (i: Image) => Sortable>;

export type SortKey = keyof typeof SORT_KEYS;

export function isSortKey(key: string): key is SortKey {
  return Object.hasOwn(SORT_KEYS, key);
}

export function parseSortKey(key: string): SortKey {
  if (!isSortKey(key)) throw ZenithError.badRequest(`Invalid value for field 'sort_key': unknown key ${key}`);
  return key;
}

/** Glance's default order: newest first, ties broken by id. */
export const DEFAULT_SORT: SortSpec[] = [{ key: "created_at", dir: "desc" }];

function compareValues(a: Sortable, b: Sortable): number {
  // PostgreSQL's default: NULL sorts after every value ascending (and so first descending).
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A total order for the given sort: `id` is appended as the last key so
 * markers always land on one place, as Glance does in its SQL.
 */
export function imageComparator(specs: SortSpec[]): (a: Image, b: Image) => number {
  const last = specs[specs.length - 1];
  const full = specs.some((s) => s.key === "id")
    ? specs
    : [...specs, { key: "id" as const, dir: last?.dir ?? "desc" }];
  return (a, b) => {
    for (const { key, dir } of full) {
      const read = SORT_KEYS[key];
      const c = compareValues(read(a), read(b));
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  };
}
