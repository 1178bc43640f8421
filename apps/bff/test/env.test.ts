import { describe, expect, it } from "vitest";
import { loadEnv } from "../src/env.ts";

const SECRET = "x".repeat(32);

describe("loadEnv", () => {
  it("applies the documented defaults", () => {
    expect(loadEnv({ AUTH_SECRET: SECRET })).toEqual({
      ZENITH_KEYSTONE_URL: "http://localhost:5000/identity/v3",
      AUTH_SECRET: SECRET,
      BFF_PORT: 3001,
      BFF_HOST: "127.0.0.1",
      BFF_MAX_BODY_BYTES: 1024 * 1024,
      LOG_LEVEL: "info",
    });
  });
  it("requires AUTH_SECRET and a valid port", () => {
    expect(() => loadEnv({})).toThrow(/AUTH_SECRET/);
    expect(() => loadEnv({ AUTH_SECRET: SECRET, BFF_PORT: "99999" })).toThrow(/BFF_PORT/);
  });
  it("refuses a short AUTH_SECRET with a message saying why", () => {
    expect(() => loadEnv({ AUTH_SECRET: "s" })).toThrow(/AUTH_SECRET must be at least 32 bytes/);
  });
});
