import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/router.ts";
import { createBffServer } from "../src/server.ts";
import { clearCatalogCache } from "../src/services/cloud/catalog.ts";
import { fakeCloud, server } from "./fake-cloud.ts";
import { keystoneSession, SECRET, sessionCookie, silentLog } from "./helpers.ts";

const MAX = 64 * 1024;
let bff: http.Server;
let base = "";
let cookie = "";

beforeEach(async () => {
  clearCatalogCache();
  const cloud = fakeCloud({ servers: [server(1, { status: "SHUTOFF" })] });
  bff = createBffServer(
    {
      keystoneUrl: "http://keystone.test/identity/v3",
      authSecret: SECRET,
      fetch: cloud.fetch,
      maxBodyBytes: MAX,
    },
    silentLog,
  );
  await new Promise<void>((resolve) => bff.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(bff.address() as AddressInfo).port}`;
  cookie = await sessionCookie(keystoneSession());
});
afterEach(async () => {
  bff.closeAllConnections();
  await new Promise((resolve) => bff.close(resolve));
});

const ACTION = "/api/trpc/compute.instances.action";
const START = JSON.stringify({ ids: ["srv-001"], action: "start" });

function client(headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${base}/api/trpc`, headers: { cookie, ...headers } })],
  });
}

describe("CSRF: mutations need a header a cross-site form cannot send", () => {
  it("refuses a form-style POST with 403 before the procedure runs", async () => {
    for (const type of [
      "application/x-www-form-urlencoded",
      "text/plain",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await fetch(`${base}${ACTION}`, {
        method: "POST",
        headers: { cookie, "content-type": type },
        body: START,
      });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.data.code).toBe("FORBIDDEN");
    }
  });

  it("accepts the portal's client, which sends x-zenith-csrf", async () => {
    const res = await client({ "x-zenith-csrf": "1" }).compute.instances.action.mutate({
      ids: ["srv-001"],
      action: "start",
    });
    expect(res.results).toEqual([{ id: "srv-001", ok: true }]);
  });

  it("accepts a JSON body without the header (a cross-site page needs a preflight for it)", async () => {
    const res = await fetch(`${base}${ACTION}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: START,
    });
    expect(res.status).toBe(200);
  });
});

describe("body size limit", () => {
  it("answers a declared oversized body with 413 PAYLOAD_TOO_LARGE without reading it", async () => {
    const body = JSON.stringify({ ids: ["srv-001"], action: "start", pad: "x".repeat(MAX) });
    const res = await fetch(`${base}${ACTION}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-zenith-csrf": "1" },
      body,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.data.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("stops an endless chunked body soon after the bound: 413 arrives while the client still sends", async () => {
    const { port } = bff.address() as AddressInfo;
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: ACTION,
        method: "POST",
        headers: { cookie, "content-type": "application/json", "x-zenith-csrf": "1" },
      });
      let answered = false;
      req.on("response", (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (err) => {
        if (!answered) reject(err);
      });
      // Sends until the server answers; a server that buffered everything would never answer.
      const pump = () => {
        while (!answered && sent < 1024 * MAX) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(1024 * MAX);
  });

  it("lets the client see the refusal as a tRPC error", async () => {
    const err = await client({ "x-zenith-csrf": "1" })
      .compute.instances.action.mutate({
        ids: Array.from({ length: 50 }, () => "x".repeat(2000)),
        action: "start",
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(err instanceof TRPCClientError ? err.data?.code : undefined).toBe("PAYLOAD_TOO_LARGE");
  });
});
