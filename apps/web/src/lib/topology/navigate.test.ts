import { describe, expect, it } from "vitest";
import { nearestInDirection } from "./navigate";

describe("nearestInDirection", () => {
  const centres = new Map([
    ["net", { x: 100, y: 0 }],
    ["a", { x: 0, y: 100 }],
    ["b", { x: 100, y: 100 }],
    ["c", { x: 200, y: 100 }],
    ["far", { x: 100, y: 400 }],
  ]);
  it("moves along rows and columns", () => {
    expect(nearestInDirection(centres, "b", "left")).toBe("a");
    expect(nearestInDirection(centres, "b", "right")).toBe("c");
    expect(nearestInDirection(centres, "b", "up")).toBe("net");
    expect(nearestInDirection(centres, "b", "down")).toBe("far");
    expect(nearestInDirection(centres, "net", "down")).toBe("b");
  });
  it("answers null at the edge or for an unknown node", () => {
    expect(nearestInDirection(centres, "a", "left")).toBeNull();
    expect(nearestInDirection(centres, "missing", "up")).toBeNull();
  });
});
