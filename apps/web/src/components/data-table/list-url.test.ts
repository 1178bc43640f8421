import { describe, expect, it } from "vitest";
import { parseListFilters, parseListParams } from "./list-url";

const url = (query: string) => new URLSearchParams(query);

describe("a table's list state in the URL", () => {
  it("reads page, size, sort, direction and search", () => {
    expect(
      parseListParams(url("page=3&size=50&sort=name&dir=asc&q=web"), { sort: "created", dir: "desc" }),
    ).toEqual({
      page: 3,
      pageSize: 50,
      sort: "name",
      dir: "asc",
      q: "web",
    });
  });

  it("falls back to the table's defaults where a key is absent or not valid", () => {
    const defaults = { sort: "created", dir: "desc" } as const;
    expect(parseListParams(url(""), defaults)).toEqual({
      page: 1,
      pageSize: 20,
      sort: "created",
      dir: "desc",
    });
    expect(parseListParams(url("page=0&size=7&dir=up&q=%20%20"), defaults)).toEqual({
      page: 1,
      pageSize: 20,
      sort: "created",
      dir: "desc",
    });
    expect(parseListParams(url("page=2.5"), defaults).page).toBe(1);
    expect(parseListParams(url("page=-1"), defaults).page).toBe(1);
    expect(parseListParams(url("page=99999999"), defaults).page).toBe(1);
  });

  it("bounds what it takes from the URL", () => {
    const long = "x".repeat(5_000);
    const params = parseListParams(url(`q=${long}&sort=${long}`));
    expect(params.q).toHaveLength(255);
    expect(params.sort).toHaveLength(255);
  });

  it("keeps the keys of one table apart from another's on the same page", () => {
    const both = url("page=4&ports.page=2&ports.q=eth");
    expect(parseListParams(both, {}, "ports.")).toMatchObject({ page: 2, q: "eth" });
    expect(parseListParams(both).page).toBe(4);
  });

  it("reads the table's own filters, empty when unset", () => {
    expect(parseListFilters(url("status=ACTIVE&project=p1"), ["status", "host", "project"])).toEqual({
      status: "ACTIVE",
      host: "",
      project: "p1",
    });
  });
});
