import { describe, expect, it } from "vitest";
import { formatBytesPerSecond, formatMegabytes, formatPercent, unitFormatter } from "./format";

describe("metric labels", () => {
  it("scales bytes per second", () => {
    expect(formatBytesPerSecond(0)).toBe("0 B/s");
    expect(formatBytesPerSecond(512)).toBe("512 B/s");
    expect(formatBytesPerSecond(1536)).toBe("1.50 KB/s");
    expect(formatBytesPerSecond(150 * 1024 * 1024)).toBe("150 MB/s");
  });
  it("shows memory in MB, then GB", () => {
    expect(formatMegabytes(512)).toBe("512 MB");
    expect(formatMegabytes(2048)).toBe("2.00 GB");
    expect(formatMegabytes(0)).toBe("0 MB");
  });
  it("labels percentages and picks a formatter by unit", () => {
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(3.12)).toBe("3.1 %");
    expect(formatPercent(99.6)).toBe("100 %");
    expect(unitFormatter("%")(50)).toBe("50 %");
    expect(unitFormatter((v) => `${v} x`)(2)).toBe("2 x");
  });
});
