/**
 * The control plane's end of `POST /agent/v1/metering/samples`, for agent
 * tests that run against a stand-in control plane: batches checked against
 * the wire schema and kept, every valid batch accepted whole. Test code,
 * under its own export (`@zenith/agent-protocol/testing/sample-sink`), so
 * no agent imports it at run time.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type SampleBatch, ZSampleBatch } from "../metering.ts";

/** Bodies bigger than a full batch (20,000 samples) are refused unread. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class SampleSink {
  readonly batches: SampleBatch[] = [];
  /** Bodies that were not a valid batch (the test asserts there are none). */
  readonly invalid: string[] = [];

  constructor(private readonly token: string) {}

  /** Answers one request to the samples path: 401 without the host's bearer, 400 for an invalid batch. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401).end();
      return;
    }
    let body = "";
    for await (const chunk of req) {
      body += String(chunk);
      if (body.length > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        return;
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const batch = ZSampleBatch.safeParse(parsed);
    if (!batch.success) {
      this.invalid.push(body);
      res.writeHead(400).end();
      return;
    }
    this.batches.push(batch.data);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ accepted: batch.data.samples.length, rejected: 0 }));
  }
}
