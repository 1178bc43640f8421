/** AgentMetering: an agent's reads, stamped with its clock, reach the samples path with the host's credential. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AGENT_SAMPLES_PATH, type SampleBatch, ZSampleBatch } from "@zenith/agent-protocol/metering";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { AgentMetering, ZMeteringEnv } from "../src/agent-metering.ts";

const logger = createLogger("agent-metering-test", "silent");
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function sink(token: string): Promise<{ url: string; batches: SampleBatch[]; refused: number }> {
  const state = { url: "", batches: [] as SampleBatch[], refused: 0 };
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    if (req.url !== AGENT_SAMPLES_PATH || req.headers.authorization !== `Bearer ${token}`) {
      state.refused++;
      res.writeHead(401).end();
      return;
    }
    const batch = ZSampleBatch.parse(JSON.parse(body));
    state.batches.push(batch);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ accepted: batch.samples.length, rejected: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

describe("AgentMetering", () => {
  it("reads every interval with the agent's clock and posts as its host; stop waits for the read under way", async () => {
    const control = await sink("host-secret");
    let clock = 1_700_000_000_000;
    const reads: number[] = [];
    const metering = new AgentMetering({
      controlUrl: control.url,
      host: "h1",
      token: async () => "host-secret",
      logger,
      intervalMs: 100,
      now: () => (clock += 1_000),
      read: async (at) => {
        reads.push(at);
        return [
          { resource: "host", subject: "h1", metric: "hardware.disk.size.used", value: reads.length, at },
        ];
      },
    });
    metering.start();
    const deadline = Date.now() + 10_000;
    while (control.batches.flatMap((b) => b.samples).length < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await metering.stop();
    const samples = control.batches.flatMap((b) => b.samples);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(control.batches.every((b) => b.host === "h1")).toBe(true);
    expect(samples.map((s) => s.at)).toEqual(reads.slice(0, samples.length));
    expect((reads[1] ?? 0) - (reads[0] ?? 0)).toBe(1_000);
    expect(control.refused).toBe(0);
  });

  it("reads its interval from the environment, 10 s by default", () => {
    expect(ZMeteringEnv.parse({}).ZENITH_METERING_INTERVAL_MS).toBe(10_000);
    expect(ZMeteringEnv.parse({ ZENITH_METERING_INTERVAL_MS: "500" }).ZENITH_METERING_INTERVAL_MS).toBe(500);
    expect(() => ZMeteringEnv.parse({ ZENITH_METERING_INTERVAL_MS: "50" })).toThrow();
  });
});
