import { describe, expect, it } from "vitest";
import { compareValues, pageOf } from "../src/services/paging.ts";

const items = [
  { id: "3", name: "web-10", enabled: true, email: "" },
  { id: "1", name: "Web-2", enabled: false, email: "b@x" },
  { id: "2", name: "db", enabled: true, email: "a@x" },
  { id: "4", name: "web-1", enabled: true, email: "" },
];
const q = { page: 1, pageSize: 20 };

describe("pageOf", () => {
  it("sorts by name naturally and case-insensitively by default", () => {
    expect(pageOf(items, q, "name").items.map((i) => i.name)).toEqual(["db", "web-1", "Web-2", "web-10"]);
  });

  it("sorts descending and by another key, with ties broken by id", () => {
    expect(pageOf(items, { ...q, sort: "name", dir: "desc" }, "name").items.map((i) => i.id)).toEqual([
      "3",
      "1",
      "4",
      "2",
    ]);
    expect(pageOf(items, { ...q, sort: "enabled" }, "name").items.map((i) => i.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("keeps empty values last in both directions", () => {
    expect(pageOf(items, { ...q, sort: "email" }, "name").items.map((i) => i.id)).toEqual([
      "2",
      "1",
      "3",
      "4",
    ]);
    expect(pageOf(items, { ...q, sort: "email", dir: "desc" }, "name").items.map((i) => i.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("filters by a case-insensitive name substring before paging", () => {
    const page = pageOf(items, { page: 2, pageSize: 2, q: " WEB " }, "name");
    expect(page).toEqual({ items: [items[0]], total: 3, page: 2, pageSize: 2 });
  });

  it("returns an empty page past the end with the true total", () => {
    expect(pageOf(items, { page: 9, pageSize: 2 }, "name")).toEqual({
      items: [],
      total: 4,
      page: 9,
      pageSize: 2,
    });
  });
});

describe("compareValues", () => {
  it("orders numbers, booleans and nulls", () => {
    expect(compareValues(1, 2)).toBeLessThan(0);
    expect(compareValues(true, false)).toBeGreaterThan(0);
    expect(compareValues(null, "a")).toBeGreaterThan(0);
    expect(compareValues(undefined, null)).toBe(0);
  });
});
