import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  ageParts,
  formatAge,
  formatBytes,
  formatDateTime,
  formatGb,
  formatMb,
  formatPercent,
} from "./format";

const en = createFormatter({ locale: "en", timeZone: "UTC" });
const zh = createFormatter({ locale: "zh-CN", timeZone: "UTC" });
const NOW = Date.parse("2026-12-07T12:00:00Z");

describe("the locale-aware formatters", () => {
  it("splits an age into its compact unit", () => {
    expect(ageParts("2026-12-07T11:59:18Z", NOW)).toEqual({ value: 42, unit: "second" });
    expect(ageParts("2026-12-07T11:55:00Z", NOW)).toEqual({ value: 5, unit: "minute" });
    expect(ageParts("2026-12-06T09:00:00Z", NOW)).toEqual({ value: 27, unit: "hour" });
    expect(ageParts("2026-11-25T12:00:00Z", NOW)).toEqual({ value: 12, unit: "day" });
    expect(ageParts("not a date", NOW)).toBeNull();
    expect(ageParts(null, NOW)).toBeNull();
  });

  it("prints ages in each language", () => {
    expect(formatAge(en, "2026-12-07T11:55:00Z", NOW)).toBe("5 min");
    expect(formatAge(zh, "2026-12-07T11:55:00Z", NOW)).toBe("5分钟");
    expect(formatAge(zh, "2026-11-25T12:00:00Z", NOW)).toBe("12天");
    expect(formatAge(en, undefined, NOW)).toBe("—");
  });

  it("prints sizes in binary multiples, per locale", () => {
    expect(formatBytes(en, 1536)).toBe("1.5 kB");
    expect(formatBytes(en, 512)).toBe("512 byte");
    expect(formatBytes(en, 20 * 1024 ** 3)).toBe("20 GB");
    expect(formatBytes(en, 3 * 1024 ** 2)).toBe("3.0 MB");
    expect(formatMb(en, 2048)).toBe("2 GB");
    expect(formatGb(en, 0)).toBe("0 GB");
    expect(formatGb(zh, 20)).toBe("20 GB");
    expect(formatBytes(en, null)).toBe("—");
    expect(formatBytes(zh, 1536)).toMatch(/^1\.5\s?kB$/);
  });

  it("prints dates with the zone, per locale", () => {
    expect(formatDateTime(en, "2026-12-07T00:49:01Z")).toBe("Dec 7, 2026, 12:49:01 AM UTC");
    expect(formatDateTime(zh, "2026-12-07T00:49:01Z")).toContain("2026年12月7日");
    expect(formatDateTime(en, "")).toBe("—");
  });

  it("prints percentages per locale", () => {
    expect(formatPercent(en, 0.425)).toBe("43%");
    expect(formatPercent(zh, 0.425, 1)).toBe("42.5%");
  });
});
