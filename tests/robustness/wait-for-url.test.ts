/**
 * `waitForUrl` (scripts/lib/processes.mjs) decides when a service of a stack
 * is up. A port taken by another process between freePort and the service's
 * listen must not pass for the service: a bench once ran without its BFF
 * because a test's control plane answered 404 on the BFF's port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitForUrl } from "../../scripts/lib/processes.mjs";

const servers: Server[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** An HTTP server on a free loopback port answering `status`; its URL. */
async function squatter(status: number): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(status).end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A process that lives `ms` milliseconds, as a service dying of EADDRINUSE would. */
function dyingAfter(ms: number): ChildProcess {
  const child = spawn(process.execPath, ["-e", `setTimeout(() => process.exit(1), ${ms})`]);
  children.push(child);
  return child;
}

describe("waitForUrl", () => {
  it("does not take a 404 for an answer: the service's process exits and it says so", async () => {
    const url = await squatter(404);
    await expect(waitForUrl(`${url}/healthz`, { child: dyingAfter(500), timeoutMs: 10_000 })).rejects.toThrow(
      /process exited with code 1 before it answered/,
    );
  });

  it("fails when the process dies just after someone else answered on its port", async () => {
    const url = await squatter(200);
    await expect(waitForUrl(`${url}/healthz`, { child: dyingAfter(300), timeoutMs: 10_000 })).rejects.toThrow(
      /answered, but its process exited/,
    );
  });

  it("resolves when the service answers and keeps running", async () => {
    const url = await squatter(200);
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    children.push(alive);
    await expect(waitForUrl(`${url}/healthz`, { child: alive, timeoutMs: 10_000 })).resolves.toBeUndefined();
  });
});
