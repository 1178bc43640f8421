import type { AddressInfo } from "node:net";
import { Duplex } from "node:stream";
import { createLogger } from "@zenith/core/logger";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { ConsoleRelay, SLOW_READER_CODE } from "../src/console-relay.ts";
import { FakeDriver } from "../src/driver/fake.ts";
import type { ConsoleEndpoint, ConsoleKind } from "../src/driver/types.ts";
import { waitFor } from "./wait.ts";

const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const FLOW = { highWaterBytes: 256 * 1024, lowWaterBytes: 64 * 1024 };

/** A guest console that prints without end, as fast as it is read. */
class Flood extends Duplex {
  produced = 0;
  override _read(): void {
    this.produced += CHUNK.length;
    this.push(CHUNK);
  }
  override _write(_chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    done();
  }
}

/** A guest console that never takes its input (a hung guest's serial port). */
class Deaf extends Duplex {
  readonly produced = 0;
  override _read(): void {}
  override _write(): void {}
}

class FloodingDriver extends FakeDriver {
  readonly floods: Duplex[] = [];
  constructor(private readonly make: () => Duplex = () => new Flood()) {
    super();
  }
  override async consoleEndpoint(_uuid: string, kind: ConsoleKind): Promise<ConsoleEndpoint> {
    return {
      kind,
      connect: async () => {
        const stream = this.make();
        this.floods.push(stream);
        return stream;
      },
    };
  }
}

describe("console relay backpressure (guest → control plane)", () => {
  let wss: WebSocketServer;
  let controlUrl = "";
  let accepted: WebSocket[] = [];
  let relay: ConsoleRelay | undefined;

  beforeEach(async () => {
    accepted = [];
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    // The control plane's end reads nothing: a browser tab that froze, seen through the proxy.
    wss.on("connection", (ws) => {
      ws.pause();
      accepted.push(ws);
    });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    controlUrl = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    relay?.closeAll();
    for (const ws of accepted) ws.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  async function open(stallMs: number, make?: () => Duplex) {
    const driver = new FloodingDriver(make);
    relay = new ConsoleRelay({
      driver,
      controlUrl,
      token: async () => "agent-token",
      logger: createLogger("test", "silent"),
      flow: { ...FLOW, stallMs },
    });
    await relay.start({ uuid: "i-1", kind: "serial", sessionId: "s-1" });
    await waitFor(
      "the relay connected",
      () => (accepted.length === 1 && driver.floods.length === 1) || undefined,
    );
    const flood = driver.floods[0];
    const server = accepted[0];
    if (!(flood instanceof Flood || flood instanceof Deaf) || !server) throw new Error("not connected");
    return { flood, server, relay };
  }

  it("pauses the guest's stream while nobody reads, and resumes it when the reader catches up", async () => {
    const { flood, server } = await open(60_000);
    await waitFor("the guest stream paused", () => flood.isPaused() || undefined);
    const atPause = flood.produced;
    // Bounded: the relay's queue plus what loopback's socket buffers hold, far from "everything the guest printed".
    expect(atPause).toBeLessThan(64 * 1024 * 1024);

    let received = 0;
    server.on("message", (data) => {
      received += (data as Buffer).length;
    });
    server.resume();
    await waitFor("the reader caught up", () => received > atPause || undefined, 20_000);
    expect(flood.produced).toBeGreaterThan(atPause);
  });

  it("ends the relay with 1013 when the reader stays behind past the stall bound", async () => {
    const { flood, server, relay } = await open(300);
    await waitFor("the relay ended", () => relay.size === 0 || undefined);
    expect(flood.destroyed).toBe(true);
    const code = new Promise<number>((resolve) => server.once("close", (c) => resolve(c)));
    server.resume();
    expect(await code).toBe(SLOW_READER_CODE);
  });

  it("stops reading the control plane's socket when the guest takes no input, and ends after the stall bound", async () => {
    const { flood, server, relay } = await open(300, () => new Deaf());
    server.resume();
    const code = new Promise<number>((resolve) => server.once("close", (c) => resolve(c)));
    let sent = 0;
    while (relay.size > 0 && sent < 256 * 1024 * 1024) {
      if (server.bufferedAmount < 4 * 1024 * 1024) {
        server.send(CHUNK);
        sent += CHUNK.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(flood.writableLength).toBeLessThan(64 * 1024 * 1024);
    expect(await code).toBe(SLOW_READER_CODE);
  });
});
