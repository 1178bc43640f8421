/**
 * One guest metadata request forwarded to a stub control plane on loopback:
 * what is sent, what is passed back, what is refused or cut short.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { METADATA_ADDRESS_HEADER, METADATA_NETWORK_HEADER } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  forwardMetadata,
  METADATA_MAX_BODY,
  type MetadataUpstream,
} from "../src/driver/linux/l3/metadata-forward.ts";

describe("metadata forwarding", () => {
  let stub: Server;
  let upstream: MetadataUpstream;
  const calls: { url: string; headers: IncomingHttpHeaders }[] = [];
  const ask = (path: string, method = "GET") =>
    forwardMetadata(upstream, { method, path, networkId: "net-1", guest: "10.0.0.5" });

  beforeAll(async () => {
    stub = createServer((req, res) => {
      calls.push({ url: req.url ?? "", headers: req.headers });
      if (req.url?.endsWith("/huge")) return res.end(Buffer.alloc(METADATA_MAX_BODY + 1, 97));
      if (req.url?.endsWith("/silent")) return; // never answers
      if (req.url?.endsWith("/user_data")) return res.writeHead(404).end("no user data");
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    upstream = {
      controlUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
      token: async () => "t",
      logger: createLogger("forward-test", "silent"),
      timeoutMs: 500,
    };
  });

  afterAll(async () => {
    stub?.closeAllConnections();
    await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
  });

  it("sends the credential, network and guest address, and passes the answer back, status included", async () => {
    const ok = await ask("/openstack/latest/meta_data.json");
    expect({ ...ok, body: String(ok.body) }).toEqual({
      status: 200,
      contentType: "application/json",
      body: '{"ok":true}',
    });
    expect(calls.at(-1)).toMatchObject({
      url: "/agent/v1/metadata/openstack/latest/meta_data.json",
      headers: {
        authorization: "Bearer t",
        [METADATA_NETWORK_HEADER]: "net-1",
        [METADATA_ADDRESS_HEADER]: "10.0.0.5",
      },
    });
    const missing = await ask("/openstack/latest/user_data");
    expect([missing.status, String(missing.body)]).toEqual([404, "no user data"]);
  });

  it("refuses other methods and paths leaving the prefix without calling the control plane", async () => {
    const before = calls.length;
    expect((await ask("/openstack", "POST")).status).toBe(405);
    expect((await ask("/../../v2.1/servers")).status).toBe(404);
    expect((await ask("/%2e%2e/%2e%2e/v2.1/servers")).status).toBe(404);
    expect(calls.length).toBe(before);
  });

  it("cuts an oversized answer and a silent control plane short with 502", async () => {
    expect((await ask("/huge")).status).toBe(502);
    expect((await ask("/silent")).status).toBe(502);
  });
});
