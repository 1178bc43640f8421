/**
 * Gnocchi's resource search filters (`POST /v1/search/resource/{type}`
 * bodies such as `{"and": [{"=": {"project_id": "…"}}, {"in": {"id": […]}}]}`)
 * turned into a Prisma `where`. Columns map to columns, other fields to the
 * resource's type-specific attributes. Bounded: depth and size are capped.
 */

import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";

const MAX_DEPTH = 8;
const MAX_NODES = 200;
const MAX_IN = 1_000;

type Where = Prisma.MetricResourceWhereInput;

const COLUMNS = {
  id: "id",
  original_resource_id: "originalResourceId",
  project_id: "projectId",
  user_id: "userId",
  created_by_project_id: "projectId",
  type: "type",
  started_at: "startedAt",
  ended_at: "endedAt",
  revision_start: "revisionStart",
} as const satisfies Record<string, keyof Where>;
type Column = (typeof COLUMNS)[keyof typeof COLUMNS];
const DATE_COLUMNS = new Set<Column>(["startedAt", "endedAt", "revisionStart"]);

const COMPARATORS: Record<string, "equals" | "not" | "lt" | "lte" | "gt" | "gte"> = {
  "=": "equals",
  "==": "equals",
  eq: "equals",
  "!=": "not",
  ne: "not",
  "<": "lt",
  lt: "lt",
  "<=": "lte",
  le: "lte",
  ">": "gt",
  gt: "gt",
  ">=": "gte",
  ge: "gte",
};

type Scalar = string | number | boolean | null;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function scalar(v: unknown, field: string): Scalar {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  throw ZenithError.badRequest(`Invalid value for ${field}: expected a string, number, boolean or null.`);
}

function onlyEntry(obj: Record<string, unknown>, what: string): [string, unknown] {
  const entries = Object.entries(obj);
  const first = entries[0];
  if (entries.length !== 1 || !first)
    throw ZenithError.badRequest(`Invalid filter: ${what} takes one field.`);
  return first;
}

function compare(field: string, op: "equals" | "not" | "lt" | "lte" | "gt" | "gte", raw: unknown): Where {
  const value = scalar(raw, field);
  const column = COLUMNS[field as keyof typeof COLUMNS] as Column | undefined;
  if (column) {
    if (DATE_COLUMNS.has(column) && value !== null) {
      const date = new Date(String(value));
      if (Number.isNaN(date.getTime())) throw ZenithError.badRequest(`Invalid date for ${field}.`);
      return { [column]: op === "equals" ? date : { [op]: date } };
    }
    if (value !== null && typeof value !== "string")
      throw ZenithError.badRequest(`Invalid value for ${field}.`);
    if (op === "equals") return { [column]: value };
    if (op === "not") return value === null ? { [column]: { not: null } } : { NOT: { [column]: value } };
    if (value === null) throw ZenithError.badRequest(`Cannot order ${field} against null.`);
    return { [column]: { [op]: value } };
  }
  if (!/^[a-z_][a-z0-9_]{0,63}$/.test(field)) throw ZenithError.badRequest(`Unknown attribute: ${field}.`);
  const path = [field];
  if (op === "equals") return { attributes: { path, equals: value ?? "null" } };
  if (op === "not") return { NOT: { attributes: { path, equals: value ?? "null" } } };
  if (value === null || typeof value === "boolean")
    throw ZenithError.badRequest(`Cannot order ${field} against ${value}.`);
  const ordered: Prisma.JsonFilter<"MetricResource"> =
    op === "lt"
      ? { path, lt: value }
      : op === "lte"
        ? { path, lte: value }
        : op === "gt"
          ? { path, gt: value }
          : { path, gte: value };
  return { attributes: ordered };
}

/** The filter as a Prisma where; throws 400 on anything it does not understand. */
export function searchFilterWhere(filter: unknown): Where {
  let nodes = 0;
  const walk = (node: unknown, depth: number): Where => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw ZenithError.badRequest("The filter is too large.");
    if (!isRecord(node)) throw ZenithError.badRequest("Invalid filter: expected an object.");
    const [op, arg] = onlyEntry(node, "an operator");
    const lower = op.toLowerCase();
    if (lower === "and" || lower === "or" || lower === "∧" || lower === "∨") {
      if (!Array.isArray(arg)) throw ZenithError.badRequest(`Invalid filter: ${op} takes a list.`);
      if (arg.length > MAX_NODES) throw ZenithError.badRequest("The filter is too large.");
      const parts = arg.map((a) => walk(a, depth + 1));
      return lower === "and" || lower === "∧" ? { AND: parts } : { OR: parts };
    }
    if (lower === "not" || lower === "¬") return { NOT: walk(arg, depth + 1) };
    if (!isRecord(arg)) throw ZenithError.badRequest(`Invalid filter: ${op} takes an object.`);
    const [field, value] = onlyEntry(arg, op);
    if (lower === "in") {
      if (!Array.isArray(value) || value.length > MAX_IN)
        throw ZenithError.badRequest(`Invalid filter: in takes a list.`);
      const column = COLUMNS[field as keyof typeof COLUMNS] as Column | undefined;
      if (column && !DATE_COLUMNS.has(column)) {
        return { [column]: { in: value.map((v) => String(scalar(v, field))) } };
      }
      return { OR: value.map((v) => compare(field, "equals", v)) };
    }
    if (lower === "like") {
      const column = COLUMNS[field as keyof typeof COLUMNS] as Column | undefined;
      const pattern = scalar(value, field);
      if (typeof pattern !== "string" || pattern.length > 255)
        throw ZenithError.badRequest("Invalid like pattern.");
      const contains = pattern.replaceAll("%", "");
      if (column) return { [column]: { contains } };
      return { attributes: { path: [field], string_contains: contains } };
    }
    const cmp = COMPARATORS[lower];
    if (!cmp) throw ZenithError.badRequest(`Unknown filter operator: ${op}.`);
    return compare(field, cmp, value);
  };
  return walk(filter, 0);
}
