import { describe, expect, it } from "vitest";
import { mergePoints } from "./merge-points";

describe("mergePoints", () => {
  const held = [
    { t: 10, v: 1 },
    { t: 20, v: 2 },
    { t: 30, v: 3 },
  ];
  it("replaces a point at a held time and appends new ones in order", () => {
    expect(
      mergePoints(
        held,
        [
          { t: 40, v: 4 },
          { t: 30, v: 3.5 },
        ],
        0,
      ),
    ).toEqual([
      { t: 10, v: 1 },
      { t: 20, v: 2 },
      { t: 30, v: 3.5 },
      { t: 40, v: 4 },
    ]);
  });
  it("drops points that left the window", () => {
    expect(mergePoints(held, [{ t: 40, v: 4 }], 25)).toEqual([
      { t: 30, v: 3 },
      { t: 40, v: 4 },
    ]);
    expect(mergePoints(held, [], 15)).toEqual([
      { t: 20, v: 2 },
      { t: 30, v: 3 },
    ]);
  });
});
