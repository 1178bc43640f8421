import { describe, expect, it } from "vitest";
import { ZSearchResourcesRequestSchema } from "../src/routers/search/resources.types.ts";
import { substringRegex } from "../src/services/compute/list-instances.ts";
import { bestMatches, isUuid, matchRank } from "../src/services/search/match.ts";

const hit = (name: string, id = `id-${name}`) => ({ id, name, status: null, detail: null });

describe("search matching", () => {
  it("recognises whole ids in both OpenStack spellings, nothing shorter", () => {
    expect(isUuid("0b6b0d4e-5c1a-4c59-9e0f-3d2f7a1b9c10")).toBe(true);
    expect(isUuid("0B6B0D4E5C1A4C599E0F3D2F7A1B9C10")).toBe(true);
    expect(isUuid("0b6b0d4e-5c1a-4c59-9e0f")).toBe(false);
    expect(isUuid("web-0b6b0d4e-5c1a-4c59-9e0f-3d2f7a1b9c10")).toBe(false);
  });

  it("ranks exact, then prefix, then substring, then id prefix; case-insensitive and literal", () => {
    expect(matchRank("web", hit("WEB"))).toBe(0);
    expect(matchRank("web", hit("web-1"))).toBe(1);
    expect(matchRank("web", hit("my-web"))).toBe(2);
    expect(matchRank("ab12", hit("db", "ab12cd"))).toBe(3);
    expect(matchRank("w.b", hit("web"))).toBeNull();
    expect(matchRank("w.b", hit("a-w.b"))).toBe(2);
  });

  it("keeps the best `limit` matches, best first, ties by name", () => {
    const hits = [hit("my-web"), hit("web-2"), hit("db"), hit("web"), hit("web-1")];
    expect(bestMatches("web", hits, 3).map((h) => h.name)).toEqual(["web", "web-1", "web-2"]);
    expect(bestMatches("zzz", hits, 3)).toEqual([]);
  });

  it("turns the text into a regex that matches it literally, whatever its characters (Nova's filter)", () => {
    const text = "a.b*(c)[d]+?^$|\\{1}";
    const regex = new RegExp(substringRegex(text));
    expect(regex.test(`x-${text.toUpperCase()}-y`)).toBe(true);
    expect(regex.test("aXb*(c)[d]+?^$|\\{1}")).toBe(false);
  });
});

describe("search.resources input", () => {
  it("bounds the query, the kinds and the limit", () => {
    expect(ZSearchResourcesRequestSchema.parse({ query: "web" })).toEqual({ query: "web", limit: 8 });
    expect(() => ZSearchResourcesRequestSchema.parse({ query: "x".repeat(256) })).toThrow();
    expect(() => ZSearchResourcesRequestSchema.parse({ query: "x", limit: 51 })).toThrow();
    expect(() => ZSearchResourcesRequestSchema.parse({ query: "x", kinds: ["server"] })).toThrow();
    expect(() => ZSearchResourcesRequestSchema.parse({ query: "x", kinds: [] })).toThrow();
  });
});
