import { badRequest } from "../../services/network/l3/faults.ts";

export type Rendered = { id: string } & Record<string, unknown>;

function values(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  return raw === undefined ? [] : [String(raw)];
}

function matches(actual: unknown, wanted: string): boolean {
  if (typeof actual === "boolean") return String(actual) === wanted.toLowerCase();
  if (actual === null) return wanted === "" || wanted === "None";
  if (Array.isArray(actual)) return actual.some((v) => typeof v !== "object" && String(v) === wanted);
  return typeof actual !== "object" && String(actual) === wanted;
}

/**
 * A collection answer: attribute filters (repeated values are alternatives),
 * `fields`, and Neutron's `limit`/`marker` pages with `<key>_links`.
 */
export function listAnswer(
  key: string,
  items: readonly Rendered[],
  query: unknown,
  attributes: ReadonlySet<string>,
  baseUrl: string,
): Record<string, unknown> {
  const q = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const fields = values(q.fields);
  let rows = [...items];
  for (const [name, raw] of Object.entries(q)) {
    if (["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse"].includes(name)) continue;
    if (!attributes.has(name)) throw badRequest("request", `[${name}] is invalid attribute for filtering`);
    const wanted = values(raw);
    rows = rows.filter((row) => wanted.some((w) => matches(row[name], w)));
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const limit = q.limit === undefined ? undefined : Number(values(q.limit)[0]);
  const marker = values(q.marker)[0];
  let next: string | undefined;
  if (limit !== undefined && Number.isInteger(limit) && limit > 0) {
    const start = marker === undefined ? 0 : rows.filter((r) => r.id <= marker).length;
    rows = rows.slice(start, start + limit);
    if (rows.length === limit) next = rows.at(-1)?.id;
  }
  const project = (row: Rendered) =>
    fields.length === 0 ? row : Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
  return {
    [key]: rows.map(project),
    ...(next
      ? { [`${key}_links`]: [{ rel: "next", href: `${baseUrl}?limit=${limit}&marker=${next}` }] }
      : {}),
  };
}
