import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePortalSecret } from "../src/services/identity/portal-secret.ts";
import { ADMIN_PASSWORD, startTestControl, type TestControl, tempDir, testTargets } from "./harness.ts";

const PORTAL_SECRET = "portal-secret-for-tests-0123456789-abcdefghij";

function login(cp: TestControl, name: string, password: string, headers: Record<string, string> = {}) {
  return cp.api("POST", "/auth/tokens", {
    headers,
    body: {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name, domain: { id: "default" }, password } },
        },
        scope: "unscoped",
      },
    },
  });
}

const target = testTargets()[0];
if (!target) throw new Error("no test target");

describe("login throttling", () => {
  let cp: TestControl;
  beforeAll(async () => {
    cp = await startTestControl(target, {
      portalSecret: PORTAL_SECRET,
      loginThrottle: { maxFailures: 3, maxFailuresPerAddress: 3, windowMs: 60_000 },
    });
  });
  afterAll(async () => cp?.close());

  it("refuses parallel guesses past the limit, not only finished failures", async () => {
    const from = { "x-zenith-client-address": "192.0.2.50", "x-zenith-portal-secret": PORTAL_SECRET };
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => login(cp, "demo", "wrong-guess", from).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it("ignores a client address header without the portal secret, and counts per browser with it", async () => {
    // Forged addresses (no secret, or a wrong one) all count against the caller's real address.
    const forged: Array<Record<string, string>> = [
      { "x-zenith-client-address": "198.51.100.1" },
      { "x-zenith-client-address": "198.51.100.2", "x-zenith-portal-secret": "not-the-secret" },
      { "x-zenith-client-address": "198.51.100.3" },
    ];
    for (const [i, headers] of forged.entries()) {
      expect((await login(cp, `nobody-${i}`, "x", headers)).status).toBe(401);
    }
    const blocked = await login(cp, "admin", ADMIN_PASSWORD, { "x-zenith-client-address": "198.51.100.4" });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);

    // From the portal (with the secret) each browser has its own allowance.
    const portal = (address: string) => ({
      "x-zenith-client-address": address,
      "x-zenith-portal-secret": PORTAL_SECRET,
    });
    for (let i = 0; i < 3; i++) {
      expect((await login(cp, `guess-${i}`, "x", portal("203.0.113.7"))).status).toBe(401);
    }
    expect((await login(cp, "admin", ADMIN_PASSWORD, portal("203.0.113.7"))).status).toBe(429);
    expect((await login(cp, "admin", ADMIN_PASSWORD, portal("203.0.113.8"))).status).toBe(201);
    expect((await login(cp, "admin", ADMIN_PASSWORD, portal("2001:db8::8"))).status).toBe(201);
  });
});

describe("the portal secret", () => {
  it("is generated once into the data folder (32 bytes, owner-only) and reused", () => {
    const dir = tempDir("zenith-portal-secret-");
    try {
      const first = resolvePortalSecret({ dataDir: dir.path });
      expect(Buffer.from(first, "base64url")).toHaveLength(32);
      expect(statSync(join(dir.path, "portal-secret")).mode & 0o777).toBe(0o600);
      expect(resolvePortalSecret({ dataDir: dir.path })).toBe(first);
      expect(resolvePortalSecret({ dataDir: dir.path, explicit: PORTAL_SECRET })).toBe(PORTAL_SECRET);
    } finally {
      dir.remove();
    }
  });
});
