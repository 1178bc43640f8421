import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import type { Image } from "@zenith/db/generated";

export type SortDir = "asc" | "desc";
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

/** Glance's sortable attributes and the column each one orders by. */
const SORT_COLUMNS = {
  name: "name",
  status: "status",
  container_format: "containerFormat",
  disk_format: "diskFormat",
  size: "size",
  virtual_size: "virtualSize",
  id: "id",
  created_at: "createdAt",
  updated_at: "updatedAt",
  min_disk: "minDisk",
  min_ram: "minRam",
  owner: "ownerId",
  visibility: "visibility",
  protected: "protected",
} as const satisfies Record<string, keyof Image>;

/** Columns that may hold NULL (Prisma refuses a NULL test on the others). */
const NULLABLE = new Set<string>(["name", "containerFormat", "diskFormat", "size", "virtualSize", "ownerId"]);

export type SortKey = keyof typeof SORT_COLUMNS;
type Column = (typeof SORT_COLUMNS)[SortKey];
type Value = Image[Column];

export function isSortKey(key: string): key is SortKey {
  return Object.hasOwn(SORT_COLUMNS, key);
}

export function parseSortKey(key: string): SortKey {
  if (!isSortKey(key)) throw ZenithError.badRequest(`Invalid value for field 'sort_key': unknown key ${key}`);
  return key;
}

/** Glance's default order: newest first, ties broken by id. */
export const DEFAULT_SORT: SortSpec[] = [{ key: "created_at", dir: "desc" }];

/**
 * A total order for the given sort: `id` is appended as the last key so
 * markers always land on one place, as Glance does in its SQL.
 */
function totalOrder(specs: SortSpec[]): SortSpec[] {
  const last = specs[specs.length - 1];
  return specs.some((s) => s.key === "id") ? specs : [...specs, { key: "id", dir: last?.dir ?? "desc" }];
}

/** One column condition; the cast is the dynamic key, every value comes from the same column. */
function on(column: Column, condition: unknown): Prisma.ImageWhereInput {
  return { [column]: condition } as Prisma.ImageWhereInput;
}

/**
 * Rows that sort strictly after `value` in `column`, with PostgreSQL's
 * default NULL placement (last ascending, first descending), which is the
 * order ORDER BY gives the page itself.
 */
function after(column: Column, dir: SortDir, value: Value): Prisma.ImageWhereInput | null {
  if (value === null) return dir === "desc" ? on(column, { not: null }) : null;
  if (typeof value === "boolean") {
    // Booleans have no gt/lt filter in Prisma: false < true.
    if (dir === "asc") return value ? null : on(column, true);
    return value ? on(column, false) : null;
  }
  const beyond = on(column, dir === "asc" ? { gt: value } : { lt: value });
  return dir === "asc" && NULLABLE.has(column) ? { OR: [beyond, on(column, null)] } : beyond;
}

/** The ORDER BY of a page, in SQL, so only one page of rows is ever read. */
export function orderByOf(specs: SortSpec[]): Prisma.ImageOrderByWithRelationInput[] {
  return totalOrder(specs).map(
    ({ key, dir }) => ({ [SORT_COLUMNS[key]]: dir }) as Prisma.ImageOrderByWithRelationInput,
  );
}

/**
 * The keyset condition "sorts after the marker row" for the total order:
 * (k1 > m1) OR (k1 = m1 AND k2 > m2) OR … The marker need not match the
 * filters, so this resumes where it would have sorted.
 */
export function afterMarkerWhere(specs: SortSpec[], marker: Image): Prisma.ImageWhereInput {
  const branches: Prisma.ImageWhereInput[] = [];
  const equal: Prisma.ImageWhereInput[] = [];
  for (const { key, dir } of totalOrder(specs)) {
    const column = SORT_COLUMNS[key];
    const value = marker[column];
    const beyond = after(column, dir, value);
    if (beyond) branches.push({ AND: [...equal, beyond] });
    equal.push(on(column, value));
  }
  // No branch at all means nothing can follow the marker.
  return branches.length ? { OR: branches } : { id: { in: [] } };
}
