import { connect, type Socket } from "node:net";
import { AGENT_CONSOLE_PREFIX, COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl, testTargets } from "./harness.ts";

const PATHS = [
  "/console/websocket?token=nope",
  COMPUTE_AGENT_PATH,
  `${AGENT_CONSOLE_PREFIX}no-such-session`,
  "/no/such/path",
];

function upgradeRequest(path: string, auth?: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    "Host: localhost",
    "Connection: Upgrade",
    "Upgrade: websocket",
    "Sec-WebSocket-Version: 13",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    ...(auth ? [`Authorization: Bearer ${auth}`] : []),
    "",
    "",
  ].join("\r\n");
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends `data`, optionally waits for the first byte of the answer, then resets (RST) the connection. */
async function sendAndReset(url: string, data: string, waitAnswer: boolean): Promise<void> {
  const socket = await open(url);
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

describe.each(testTargets())("upgrade sockets reset by the client ($label)", (target) => {
  let control: TestControl;
  /** A real host credential, so resets also hit the paths past the credential check. */
  let credential: string;

  beforeAll(async () => {
    control = await startTestControl(target);
    credential = await control.running.enrolHost("reset-host");
  });
  afterAll(async () => {
    await control?.close();
  });

  it.each(PATHS)(
    "reset before, during and after the handshake on %s leaves the control plane up",
    async (path) => {
      for (const auth of [undefined, "wrong-token", credential]) {
        const request = upgradeRequest(path, auth);
        for (let i = 0; i < 5; i++) {
          // Reset as soon as the request is sent (the route may still be checking it).
          await sendAndReset(control.url, request, false);
          // Reset in the middle of the request headers.
          await sendAndReset(control.url, request.slice(0, request.length / 2), false);
          // Reset after the answer (refusal or 101) started.
          await sendAndReset(control.url, request, true);
        }
      }
      const res = await control.api("GET", "/identity/v3");
      expect(res.status).toBe(200);
    },
  );

  it("a malformed frame right after the handshake on an agent console socket leaves the control plane up", async () => {
    const path = `${AGENT_CONSOLE_PREFIX}no-such-session`;
    for (let i = 0; i < 5; i++) {
      const socket = await open(control.url);
      socket.on("error", () => {});
      const switched = new Promise<void>((resolve) => socket.once("data", () => resolve()));
      socket.write(upgradeRequest(path, credential));
      await switched;
      // A client frame without a mask: the server's WebSocket reports it as an "error".
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
      await closed;
    }
    expect((await control.api("GET", "/identity/v3")).status).toBe(200);
  });
});
