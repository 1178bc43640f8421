/**
 * The agent's metadata relay on its unix socket, against a stub control
 * plane on loopback: what it forwards, and what it refuses or cuts short.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { METADATA_ADDRESS_HEADER, METADATA_NETWORK_HEADER } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METADATA_MAX_BODY } from "../src/driver/linux/l3/metadata-limits.ts";
import { type MetadataRelay, startMetadataRelay } from "../src/driver/linux/l3/metadata-relay.ts";

const stamp = { [METADATA_NETWORK_HEADER]: "net-1", [METADATA_ADDRESS_HEADER]: "10.0.0.5" };

describe("metadata relay", () => {
  let dir = "";
  let socketPath = "";
  let stub: Server;
  let relay: MetadataRelay | undefined;
  const calls: string[] = [];

  /** One request over the relay's unix socket. */
  const ask = (path: string, headers: Record<string, string> = stamp, method = "GET") =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ socketPath, path, method, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "zenith-l3-relay-"));
    socketPath = join(dir, "metadata.sock");
    stub = createServer((req, res) => {
      calls.push(req.url ?? "");
      if (req.url?.endsWith("/huge")) return res.end(Buffer.alloc(METADATA_MAX_BODY + 1, 97));
      if (req.url?.endsWith("/silent")) return; // never answers
      if (req.url?.endsWith("/user_data")) return res.writeHead(404).end("no user data");
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    relay = await startMetadataRelay({
      socketPath,
      controlUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
      token: async () => "t",
      logger: createLogger("relay-test", "silent"),
      timeoutMs: 500,
    });
  });

  afterAll(async () => {
    await relay?.close();
    stub?.closeAllConnections();
    await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("listens on a socket only its owner can use", async () => {
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
  });

  it("passes the control plane's answer through, status included", async () => {
    expect(await ask("/openstack/latest/meta_data.json")).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await ask("/openstack/latest/user_data")).toEqual({ status: 404, body: "no user data" });
  });

  it("refuses requests without the proxy's stamp, other methods and paths leaving the prefix", async () => {
    const before = calls.length;
    expect((await ask("/openstack", {})).status).toBe(400);
    expect((await ask("/openstack", { ...stamp, [METADATA_ADDRESS_HEADER]: "not-an-ip" })).status).toBe(400);
    expect((await ask("/openstack", stamp, "POST")).status).toBe(405);
    expect((await ask("/../../v2.1/servers")).status).toBe(404);
    expect(calls.length).toBe(before);
  });

  it("cuts an oversized answer and a silent control plane short with 502", async () => {
    expect((await ask("/huge")).status).toBe(502);
    expect((await ask("/silent")).status).toBe(502);
  });
});
