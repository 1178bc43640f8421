import { describe, expect, it } from "vitest";
import { lastDays, lastMonth, rangeProblem, thisMonth } from "./usage-range";

describe("usage ranges", () => {
  const now = new Date(2026, 2, 1, 9, 30); // 1 March, local time

  it("defaults to this month so far, and knows last month and the last days across a month edge", () => {
    expect(thisMonth(now)).toMatchObject({ from: "2026-03-01", to: "2026-03-01" });
    expect(lastMonth(now)).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(lastDays(7, now)).toMatchObject({ from: "2026-02-23", to: "2026-03-01" });
    expect(thisMonth(now).timeZone.length).toBeGreaterThan(0);
  });

  it("names what is wrong with a range before asking the BFF", () => {
    const tz = "UTC";
    expect(rangeProblem({ from: "", to: "2026-03-01", timeZone: tz })).toBe("chooseBothDates");
    expect(rangeProblem({ from: "2026-03-02", to: "2026-03-01", timeZone: tz })).toBe("endsBeforeStart");
    expect(rangeProblem({ from: "2025-01-01", to: "2026-01-02", timeZone: tz })).toBe("tooLong");
    expect(rangeProblem({ from: "2025-01-01", to: "2026-01-01", timeZone: tz })).toBeUndefined();
  });
});
