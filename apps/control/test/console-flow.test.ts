import type { AddressInfo } from "node:net";
import { createLogger } from "@zenith/core/logger";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { RpcCall } from "../src/services/compute/agent-hub/hub.ts";
import { ConsoleProxy } from "../src/services/compute/consoles/proxy.ts";
import { waitFor } from "./harness.ts";

const FLOW = { highWaterBytes: 256 * 1024, lowWaterBytes: 64 * 1024 };
const FRAME = Buffer.alloc(64 * 1024, 0x41);

/**
 * The proxy between two real WebSockets: a "browser" that stops reading
 * and an "agent" that floods, as a guest printing without end to a tab
 * that froze. The proxy must push back on the agent instead of queueing.
 */
describe("console proxy backpressure", () => {
  let wss: WebSocketServer;
  let url = "";
  const accepted: WebSocket[] = [];
  const clients: WebSocket[] = [];

  beforeEach(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    wss.on("connection", (ws) => accepted.push(ws));
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const ws of [...clients, ...accepted]) ws.terminate();
    clients.length = 0;
    accepted.length = 0;
    await new Promise((resolve) => wss.close(resolve));
  });

  /** Connects a client and returns it with the server side of its socket. */
  async function pair(): Promise<{ client: WebSocket; server: WebSocket }> {
    const before = accepted.length;
    const client = new WebSocket(url);
    clients.push(client);
    await new Promise((resolve, reject) => {
      client.once("open", resolve);
      client.once("error", reject);
    });
    await waitFor(async () => accepted.length > before);
    const server = accepted[before];
    if (!server) throw new Error("no server socket");
    return { client, server };
  }

  async function session(stallMs: number) {
    let sessionId = "";
    const hub = {
      rpc: async (_host: string, call: RpcCall) => {
        if (call.method === "openConsole") sessionId = call.params.sessionId;
        return {};
      },
    };
    const proxy = new ConsoleProxy({
      hub,
      logger: createLogger("test", "silent"),
      flow: { ...FLOW, stallMs },
    });
    const browser = await pair();
    proxy.attachBrowser(browser.server, {
      instanceId: "i-1",
      projectId: "p-1",
      hostId: "h-1",
      consoleType: "serial",
    });
    await waitFor(async () => sessionId !== "");
    const agent = await pair();
    expect(proxy.attachAgent(sessionId, agent.server, "h-1")).toBe(true);
    return { proxy, browser, agent };
  }

  /** Sends frames while the agent's own socket accepts them, until `until()` or 256 MiB. */
  async function flood(ws: WebSocket, until: () => boolean): Promise<number> {
    let sent = 0;
    while (!until() && sent < 256 * 1024 * 1024 && ws.readyState === WebSocket.OPEN) {
      if (ws.bufferedAmount < 4 * 1024 * 1024) {
        ws.send(FRAME);
        sent += FRAME.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return sent;
  }

  it("pauses the agent's socket while the browser does not read, and resumes when it reads again", async () => {
    const { browser, agent } = await session(60_000);
    browser.client.pause();
    await flood(agent.client, () => agent.server.isPaused);
    expect(agent.server.isPaused).toBe(true);
    // What the proxy holds for the browser stays near the bound (a socket read or two past it).
    expect(browser.server.bufferedAmount).toBeLessThan(FLOW.highWaterBytes + 1024 * 1024);

    let received = 0;
    browser.client.on("message", (data) => {
      received += (data as Buffer).length;
    });
    browser.client.resume();
    await waitFor(async () => !agent.server.isPaused);
    await waitFor(async () => received > FLOW.highWaterBytes);
  });

  it("ends the session with 1013 when the reader stays behind past the stall bound", async () => {
    const { proxy, browser, agent } = await session(300);
    browser.client.pause();
    const closed = new Promise<number>((resolve) => agent.client.once("close", (code) => resolve(code)));
    await flood(agent.client, () => agent.client.readyState !== WebSocket.OPEN);
    expect(await closed).toBe(1013);
    expect(proxy.activeSessions).toBe(0);
  });
});
