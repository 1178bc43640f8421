import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SerialMux } from "../src/driver/qemu/console.ts";
import { waitFor } from "./wait.ts";

const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const BACKED_UP = 4 * 1024 * 1024;

/**
 * QEMU's serial chardev stood in for by a unix socket that prints without
 * end while it can write: a viewer that does not read must make the mux
 * stop reading the socket, so the "guest" is the one kept waiting.
 */
describe("SerialMux backpressure", () => {
  let dir = "";
  let server: Server;
  let guest: Socket | undefined;
  let written = 0;
  let blocked = false;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "serial-mux-"));
    written = 0;
    blocked = false;
    server = createServer((socket) => {
      guest = socket;
      socket.on("error", () => {});
      // One chunk a tick, drain or not, until 4 MiB wait in the guest's own buffer: the reader stopped.
      const print = () => {
        if (socket.destroyed || written > 512 * 1024 * 1024) return;
        if (socket.writableLength > BACKED_UP) {
          blocked = true;
          socket.once("drain", () => {
            blocked = false;
            print();
          });
          return;
        }
        written += CHUNK.length;
        socket.write(CHUNK);
        setImmediate(print);
      };
      print();
    });
    await new Promise<void>((resolve) => server.listen(join(dir, "serial.sock"), resolve));
  });
  afterEach(async () => {
    guest?.destroy();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("holds the guest's output while a viewer does not read, and lets it flow once the viewer reads", async () => {
    const mux = new SerialMux(join(dir, "serial.sock"));
    const viewer = await mux.connect();
    // Nobody reads `viewer`: the guest must end up blocked on its writes.
    await waitFor("the guest blocked", () => blocked || undefined, 30_000);
    const atBlock = written;
    expect(viewer.readableLength).toBeLessThan(2 * viewer.readableHighWaterMark + 2 * CHUNK.length);

    let read = 0;
    viewer.on("data", (chunk: Buffer) => {
      read += chunk.length;
    });
    await waitFor("the guest printing again", () =>
      written > atBlock + 4 * CHUNK.length ? true : undefined,
    );
    expect(read).toBeGreaterThan(0);
    mux.close();
  });
});
