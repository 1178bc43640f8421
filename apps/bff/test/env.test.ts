import { describe, expect, it } from "vitest";
import { loadEnv } from "../src/env.ts";

describe("loadEnv", () => {
  it("applies the documented defaults", () => {
    expect(loadEnv({ AUTH_SECRET: "s" })).toEqual({
      ZENITH_KEYSTONE_URL: "http://localhost:5000/identity/v3",
      AUTH_SECRET: "s",
      BFF_PORT: 3001,
      BFF_HOST: "127.0.0.1",
      BFF_MAX_BODY_BYTES: 1024 * 1024,
      LOG_LEVEL: "info",
    });
  });
  it("requires AUTH_SECRET and a valid port", () => {
    expect(() => loadEnv({})).toThrow(/AUTH_SECRET/);
    expect(() => loadEnv({ AUTH_SECRET: "s", BFF_PORT: "99999" })).toThrow(/BFF_PORT/);
  });
});
