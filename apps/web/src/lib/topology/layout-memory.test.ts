import { describe, expect, it } from "vitest";
import {
  type KeyValueStore,
  LAYOUT_MEMORY_MAX_ENTRIES,
  layoutMemoryKey,
  loadLayoutMemory,
  parseLayoutMemory,
  saveLayoutMemory,
  serializeLayoutMemory,
} from "./layout-memory";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe("layout memory", () => {
  it("keys by user and project", () => {
    expect(layoutMemoryKey("u1", "p1")).not.toBe(layoutMemoryKey("u2", "p1"));
    expect(layoutMemoryKey("u1", "p1")).not.toBe(layoutMemoryKey("u1", "p2"));
  });

  it("round-trips rounded positions", () => {
    const store = memoryStore();
    const key = layoutMemoryKey("u", "p");
    saveLayoutMemory(store, key, new Map([["a", { x: 10.4, y: -20.6 }]]));
    expect(loadLayoutMemory(store, key)).toEqual(new Map([["a", { x: 10, y: -21 }]]));
    saveLayoutMemory(store, key, new Map());
    expect(store.data.has(key)).toBe(false);
  });

  it("ignores corrupt or foreign entries", () => {
    for (const raw of [null, "", "{", "[]", "42", '{"v":2,"positions":{}}', '{"v":1,"positions":[]}']) {
      expect(parseLayoutMemory(raw).size).toBe(0);
    }
    const mixed = JSON.stringify({
      v: 1,
      positions: { ok: [1, 2], nan: ["x", 2], big: [1e9, 0], short: [1], [`${"x".repeat(200)}`]: [1, 1] },
    });
    expect([...parseLayoutMemory(mixed).keys()]).toEqual(["ok"]);
  });

  it("bounds how many positions it keeps", () => {
    const many = new Map(
      Array.from({ length: LAYOUT_MEMORY_MAX_ENTRIES + 10 }, (_, i) => [`n${i}`, { x: i, y: i }] as const),
    );
    const parsed = parseLayoutMemory(serializeLayoutMemory(many));
    expect(parsed.size).toBe(LAYOUT_MEMORY_MAX_ENTRIES);
    expect(parsed.has(`n${LAYOUT_MEMORY_MAX_ENTRIES + 9}`)).toBe(true);
  });

  it("survives a store that throws", () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => undefined,
    };
    expect(loadLayoutMemory(broken, "k").size).toBe(0);
    expect(() => saveLayoutMemory(broken, "k", new Map([["a", { x: 1, y: 1 }]]))).not.toThrow();
  });
});
