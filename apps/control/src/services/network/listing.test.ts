import { describe, expect, it } from "vitest";
import { networkNotFound } from "./errors.ts";
import { type CollectionSpec, type ListQuery, pageOf, type Rendered, validateQuery } from "./listing.ts";

const spec: CollectionSpec = { attributes: new Set(["id", "name", "up"]), notFound: networkNotFound };
const items: Rendered[] = ["e", "a", "d", "b", "c"].map((name, i) => ({
  id: `id-${i}`,
  name,
  up: i % 2 === 0,
}));
const query = (q: Partial<ListQuery>): ListQuery => ({
  fields: [],
  filters: new Map(),
  sorts: [{ key: "name", dir: "asc" }],
  limit: undefined,
  marker: undefined,
  pageReverse: false,
  ...q,
});
const names = (page: { items: Rendered[] }) => page.items.map((i) => i.name);
const byName = (name: string) => items.find((i) => i.name === name);

describe("Neutron list machinery", () => {
  it("pages forward from a marker and stops with a short page", () => {
    const first = pageOf(spec, items, query({ limit: 2 }));
    expect(names(first)).toEqual(["a", "b"]);
    expect([first.next, first.previous]).toEqual([byName("b")?.id, byName("a")?.id]);
    const last = pageOf(spec, items, query({ limit: 2, marker: byName("d")?.id }), byName("d"));
    expect(names(last)).toEqual(["e"]);
    expect(last.next).toBeUndefined();
    expect(last.previous).toBe(byName("e")?.id);
  });

  it("pages backwards with page_reverse, from a marker or from the end", () => {
    const back = pageOf(spec, items, query({ limit: 2, pageReverse: true }), byName("d"));
    expect(names(back)).toEqual(["b", "c"]);
    const fromEnd = pageOf(spec, items, query({ limit: 2, pageReverse: true }));
    expect(names(fromEnd)).toEqual(["d", "e"]);
    const start = pageOf(spec, items, query({ limit: 2, pageReverse: true }), byName("b"));
    expect(names(start)).toEqual(["a"]);
    expect(start.previous).toBeUndefined();
    expect(start.next).toBe(byName("a")?.id);
  });

  it("gives an empty page no links in its direction", () => {
    const empty = pageOf(spec, [], query({ limit: 2 }));
    expect(empty).toEqual({ items: [], next: undefined, previous: undefined });
  });

  it("filters booleans as Neutron converts them and refuses unknown keys", () => {
    const up = pageOf(spec, items, query({ filters: new Map([["up", ["True"]]]) }));
    expect(names(up)).toEqual(["c", "d", "e"]);
    expect(() => validateQuery(spec, query({ filters: new Map([["colour", ["red"]]]) }))).toThrow(
      "[colour] is invalid attribute for filtering",
    );
    expect(() => validateQuery(spec, query({ sorts: [{ key: "colour", dir: "asc" }] }))).toThrow(
      "[colour] is invalid attribute for sort_keys",
    );
  });
});
