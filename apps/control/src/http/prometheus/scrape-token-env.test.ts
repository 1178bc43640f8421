import { describe, expect, it } from "vitest";
import { readControlEnv } from "../../env.ts";

describe("ZENITH_METRICS_SCRAPE_TOKEN", () => {
  it("is optional, and refused at start when shorter than 32 bytes", () => {
    expect(readControlEnv({}).ZENITH_METRICS_SCRAPE_TOKEN).toBeUndefined();
    expect(readControlEnv({ ZENITH_METRICS_SCRAPE_TOKEN: "" }).ZENITH_METRICS_SCRAPE_TOKEN).toBeUndefined();
    expect(() => readControlEnv({ ZENITH_METRICS_SCRAPE_TOKEN: "short" })).toThrow(
      /ZENITH_METRICS_SCRAPE_TOKEN/,
    );
    const token = "x".repeat(32);
    expect(readControlEnv({ ZENITH_METRICS_SCRAPE_TOKEN: token }).ZENITH_METRICS_SCRAPE_TOKEN).toBe(token);
  });
});
