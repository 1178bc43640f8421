import { Prisma } from "@zenith/db/client";

/**
 * Big listings (hundreds of servers or ports) read as ONE JSON document
 * per query instead of rows: the embedded database's wire parser and
 * Prisma's row mapping cost far more per column and row than a single
 * `JSON.parse` (bench/topology-bff.mjs: 500 servers' rows took ~5× longer
 * than the same rows as one `json_agg`). The filters, order and paging stay
 * in Prisma; these helpers only fetch the chosen rows' content.
 *
 * The ids go in as `IN (SELECT unnest($1::text[]))`, not `= ANY($1)`: with
 * a constant array of hundreds of ids the planner estimates each element
 * against every join (~30 ms of planning for 500 ids, more than running
 * the query); through `unnest` it plans a semi-join in well under 1 ms.
 */

/** A row as `row_to_json` gives it: timestamps become ISO strings without a zone (columns are UTC `timestamp(3)`). */
export type Jsonified<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** Field name → column name of a model (`satisfies Record<keyof Model, string>` keeps it complete). */
export type Columns = Readonly<Record<string, string>>;

/** `"col" AS "field", …` of `alias`, for a select list whose JSON keys are Prisma's field names. */
export function selectList(columns: Columns, alias: string): Prisma.Sql {
  const parts = Object.entries(columns).map(([field, column]) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(column) || !/^[A-Za-z][A-Za-z0-9]*$/.test(field)) {
      throw new Error(`unsafe column mapping ${field} → ${column}`);
    }
    return `"${alias}"."${column}" AS "${field}"`;
  });
  return Prisma.raw(parts.join(", "));
}

/** A `timestamp(3)` value of a JSON row: UTC, written without a zone (no check per value: thousands per listing). */
export function utc(value: string): Date {
  return new Date(`${value}Z`);
}

export function utcOrNull(value: string | null): Date | null {
  return value === null ? null : utc(value);
}

/** Puts rows back in the order of `ids` (the order Prisma's query chose); ids without a row are skipped. */
export function inOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: T[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) out.push(row);
  }
  return out;
}
