/**
 * The portal's server (apps/web/server.mjs) as `npm start` runs it: a login
 * that carries a forged X-Forwarded-For reaches Keystone with the address
 * of the peer that really connected, so the control plane's per-address
 * login throttle counts the real browser. Keystone is a stand-in that
 * records what the portal sends and refuses the password.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = join(webDir, "..", "..");
const PORTAL_SECRET = "p".repeat(43);

// scripts/lib/*.mjs are plain JavaScript: their exports are checked at this edge.
const stackModule = z.object({
  ensureWebBuild: z.custom<() => Promise<void>>((v) => typeof v === "function"),
});
const processModule = z.object({ freePort: z.custom<() => Promise<number>>((v) => typeof v === "function") });

describe("the portal's server (server.mjs)", () => {
  let keystone: Server;
  const seen: IncomingHttpHeaders[] = [];
  let portal: ChildProcess | undefined;
  let portalUrl = "";

  beforeAll(async () => {
    // A no-op when the build is current (npm test builds the portal before the suites).
    const { ensureWebBuild } = stackModule.parse(await import(join(repoRoot, "scripts/lib/stack.mjs")));
    const { freePort } = processModule.parse(await import(join(repoRoot, "scripts/lib/processes.mjs")));
    await ensureWebBuild();
    keystone = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: 401, title: "Unauthorized", message: "bad password" } }));
    });
    keystone.listen(0, "127.0.0.1");
    await once(keystone, "listening");
    const keystoneUrl = `http://127.0.0.1:${(keystone.address() as AddressInfo).port}/v3`;
    const port = await freePort();
    portalUrl = `http://127.0.0.1:${port}`;
    portal = spawn(process.execPath, ["server.mjs", "-p", String(port)], {
      cwd: webDir,
      env: {
        ...process.env,
        AUTH_SECRET: "s".repeat(32),
        AUTH_TRUST_HOST: "true",
        AUTH_URL: portalUrl,
        ZENITH_KEYSTONE_URL: keystoneUrl,
        ZENITH_PORTAL_SECRET: PORTAL_SECRET,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const child = portal;
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("portal ready")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`server.mjs exited with ${code} before it was ready`)));
    });
  }, 300_000);

  afterAll(async () => {
    if (portal && portal.exitCode === null) {
      portal.kill("SIGTERM");
      await once(portal, "exit");
    }
    keystone?.close();
  });

  it("serves the login page", async () => {
    const res = await fetch(`${portalUrl}/login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<html");
  });

  it("names the connecting peer, not a forged X-Forwarded-For, to Keystone at login", async () => {
    const csrf = await fetch(`${portalUrl}/api/auth/csrf`);
    const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await csrf.json());
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const login = await fetch(`${portalUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        "x-forwarded-for": "203.0.113.7",
      },
      body: new URLSearchParams({ csrfToken, username: "someone", password: "wrong", domain: "Default" }),
    });
    expect(login.status).toBeLessThan(500);
    const auth = seen.find((h) => h["x-zenith-client-address"] !== undefined);
    expect(auth, "the login reached Keystone with a client address").toBeDefined();
    expect(auth?.["x-zenith-portal-secret"]).toBe(PORTAL_SECRET);
    expect(auth?.["x-zenith-client-address"]).toBe("127.0.0.1");
  });
});
