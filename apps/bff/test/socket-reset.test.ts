import { type AddressInfo, connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBffServer } from "../src/server.ts";
import { fakeKeystone } from "./fake-keystone.ts";
import { SECRET, silentLog } from "./helpers.ts";

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends `data`, optionally waits for the first byte of the answer, then resets (RST) the connection. */
async function sendAndReset(port: number, data: string, waitAnswer: boolean): Promise<void> {
  const socket = await open(port);
  socket.on("error", () => {});
  const answered = new Promise<void>((resolve) => {
    socket.once("data", () => resolve());
    socket.once("close", () => resolve());
  });
  socket.write(data);
  if (waitAnswer) await answered;
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.resetAndDestroy();
  await closed;
}

const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
const post = (path: string) =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"json":`;

describe("BFF sockets reset by the client", () => {
  const server = createBffServer(
    { keystoneUrl: "http://keystone.test/identity/v3", authSecret: SECRET, fetch: fakeKeystone([]).fetch },
    silentLog,
  );
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("upgrade requests, half-sent requests and bodies cut by a reset leave the BFF answering", async () => {
    for (const path of ["/api/trpc/session.get", "/healthz", "/api/images/x/file", "/nowhere"]) {
      for (let i = 0; i < 5; i++) {
        await sendAndReset(port, upgrade(path), false);
        await sendAndReset(port, upgrade(path), true);
        await sendAndReset(port, upgrade(path).slice(0, 40), false);
        await sendAndReset(port, post(path), false);
        await sendAndReset(port, "NOT HTTP AT ALL\r\n\r\n", true);
      }
    }
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});
