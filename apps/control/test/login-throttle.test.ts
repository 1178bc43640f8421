import { ZenithError } from "@zenith/core/errors";
import { describe, expect, it } from "vitest";
import { LoginThrottle } from "../src/services/identity/login-throttle.ts";
import { TokenCache } from "../src/services/identity/token-cache.ts";

describe("LoginThrottle", () => {
  it("blocks a key after maxFailures within the window and frees it afterwards", () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      t.check(["user:a"]);
      t.recordFailure(["user:a"]);
    }
    try {
      t.check(["user:a"]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ZenithError);
      const z = err as ZenithError;
      expect(z.status).toBe(429);
      expect(Number(z.headers["Retry-After"])).toBeGreaterThan(0);
    }
    t.check(["user:b"]);
    now += 60_001;
    t.check(["user:a"]);
  });

  it("counts attempts still running: parallel guesses past the limit are refused", () => {
    const t = new LoginThrottle({ maxFailures: 3, windowMs: 60_000 });
    const running = [t.begin(["user:a"]), t.begin(["user:a"]), t.begin(["user:a"])];
    expect(() => t.begin(["user:a"])).toThrow(ZenithError);
    // A finished failure keeps its slot; a finished success frees it.
    t.recordFailure(["user:a"]);
    running[0]?.finish();
    expect(() => t.begin(["user:a"])).toThrow(ZenithError);
    running[1]?.finish();
    t.begin(["user:a"]).finish();
    running[2]?.finish();
  });

  it("reset clears a key", () => {
    const t = new LoginThrottle({ maxFailures: 1, windowMs: 60_000 });
    t.recordFailure(["k"]);
    expect(() => t.check(["k"])).toThrow();
    t.reset("k");
    t.check(["k"]);
  });

  it("keeps at most maxKeys keys", () => {
    const t = new LoginThrottle({ maxFailures: 1, windowMs: 60_000, maxKeys: 2 });
    t.recordFailure(["a"]);
    t.recordFailure(["b"]);
    t.recordFailure(["c"]);
    t.check(["a"]); // evicted, so no longer blocked
    expect(() => t.check(["c"])).toThrow();
  });
});

describe("TokenCache", () => {
  it("does not store a context validated before an invalidation", () => {
    const cache = new TokenCache(5000);
    const ctx = {
      tokenHash: "h",
      methods: ["password"],
      user: { id: "u", name: "u", domain: { id: "d", name: "d" } },
      scope: { type: "unscoped" as const },
      roles: [],
      auditIds: ["a"],
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
      appCred: null,
    };
    const gen = cache.generation;
    cache.invalidateAll();
    cache.set("h", ctx, gen);
    expect(cache.get("h")).toBeUndefined();
    cache.set("h", ctx, cache.generation);
    expect(cache.get("h")).toBe(ctx);
  });
});
