import { describe, expect, it } from "vitest";
import {
  MAX_RECENT,
  type RecentItem,
  readRecent,
  recentKey,
  rememberRecent,
  withRecent,
} from "./recent-items";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  };
}

const page = (n: number): RecentItem => ({ type: "page", href: `/p/${n}`, label: `Page ${n}` });

describe("the palette's recent items", () => {
  it("keeps the newest first, without duplicates, at most ten", () => {
    let items: RecentItem[] = [];
    for (let n = 0; n < 15; n++) items = withRecent(items, page(n));
    items = withRecent(items, page(12));
    expect(items).toHaveLength(MAX_RECENT);
    expect(items.map((i) => i.href).slice(0, 3)).toEqual(["/p/12", "/p/14", "/p/13"]);
  });

  it("stores one list per user and reads anything malformed as empty", () => {
    const storage = memoryStorage();
    rememberRecent(storage, "u1", page(1));
    rememberRecent(storage, "u2", page(2));
    expect(readRecent(storage, "u1").map((i) => i.href)).toEqual(["/p/1"]);
    expect(readRecent(storage, "u2").map((i) => i.href)).toEqual(["/p/2"]);
    storage.map.set(recentKey("u1"), "{not json");
    expect(readRecent(storage, "u1")).toEqual([]);
    storage.map.set(recentKey("u1"), JSON.stringify([{ type: "page", href: 3 }]));
    expect(readRecent(storage, "u1")).toEqual([]);
  });
});
