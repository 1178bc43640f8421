import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sample } from "@zenith/agent-protocol/metering";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { SampleShipper } from "../src/metering.ts";

const logger = createLogger("shipper-test", "silent");
const sample = (i: number): Sample => ({
  resource: "host",
  subject: "h1",
  metric: "hardware.cpu.util",
  value: i,
  at: 1_000 + i,
});

/** A control plane stand-in: answers with `status()` and records the samples of every 200. */
async function controlPlane(status: () => number) {
  const received: Array<{ host: string; values: number[] }> = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += String(c);
    });
    req.on("end", () => {
      const code = status();
      const parsed = JSON.parse(body) as { host: string; samples: Sample[] };
      if (code === 200) received.push({ host: parsed.host, values: parsed.samples.map((s) => s.value) });
      res.writeHead(code, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          code === 200 ? { accepted: parsed.samples.length, rejected: 0 } : { badRequest: { message: "no" } },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("SampleShipper", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it("keeps the newest samples while the control plane is unreachable and sends them oldest first when it answers", async () => {
    let status = 503;
    const cp = await controlPlane(() => status);
    cleanups.push(cp.close);
    const shipper = new SampleShipper({
      controlUrl: cp.url,
      host: "h1",
      token: async () => "t",
      logger,
      capacity: 10,
      batchSize: 4,
    });
    shipper.push(Array.from({ length: 6 }, (_, i) => sample(i)));
    await shipper.flush();
    expect(shipper.pending).toBe(6);
    // Over capacity: the oldest go.
    shipper.push(Array.from({ length: 6 }, (_, i) => sample(6 + i)));
    expect(shipper.pending).toBe(10);
    status = 200;
    await shipper.flush();
    expect(shipper.pending).toBe(0);
    expect(cp.received.map((r) => r.values)).toEqual([
      [2, 3, 4, 5],
      [6, 7, 8, 9],
      [10, 11],
    ]);
    expect(new Set(cp.received.map((r) => r.host))).toEqual(new Set(["h1"]));
  });

  it("drops a batch the control plane refuses as invalid, and keeps one it could not take (401, 429, down)", async () => {
    let status = 400;
    const cp = await controlPlane(() => status);
    cleanups.push(cp.close);
    const shipper = new SampleShipper({
      controlUrl: cp.url,
      host: "h1",
      token: async () => "t",
      logger,
      batchSize: 2,
    });
    shipper.push([sample(1), sample(2), sample(3)]);
    await shipper.flush();
    // Both batches were refused as invalid: resending them would fail forever.
    expect(shipper.pending).toBe(0);
    for (const code of [401, 429]) {
      status = code;
      shipper.push([sample(code)]);
      await shipper.flush();
      expect(shipper.pending).toBe(1);
      status = 200;
      await shipper.flush();
      expect(shipper.pending).toBe(0);
    }
    await cp.close();
    cleanups.pop();
    shipper.push([sample(9)]);
    await shipper.flush();
    expect(shipper.pending).toBe(1);
  });
});
