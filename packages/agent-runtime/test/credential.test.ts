/**
 * A host has one credential, shared by its agents (compute, network): it
 * lives at `<data>/hosts/<host>/credential.json`, an older compute agent's
 * file is taken over, and agents starting together enrol once.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AGENT_ENROL_PATH } from "@zenith/agent-protocol/enrolment";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { SerialLock } from "../src/enrolment.ts";
import { agentCredential, hostCredentialFile, ZAgentRuntimeEnv } from "../src/env.ts";

const run = promisify(execFile);
const JOIN = "j".repeat(40);
const logger = createLogger("credential-test", "silent");

/** A control plane's enrolment endpoint: a join token is spent once; every enrolment is counted. */
async function enrolServer(): Promise<{ url: string; enrolments: () => number; close: () => Promise<void> }> {
  let count = 0;
  let spent = false;
  const server: Server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== AGENT_ENROL_PATH) {
      res.writeHead(404).end();
      return;
    }
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${JOIN}` || spent) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"spent"}}');
        return;
      }
      spent = true;
      count += 1;
      const { host } = JSON.parse(body) as { host: string };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ host, credential: `c${count}`.padEnd(40, "x") }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    enrolments: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const dirs: string[] = [];
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "agent-credential-"));
  dirs.push(dir);
  const server = await enrolServer();
  servers.push(server);
  const env = ZAgentRuntimeEnv.parse({
    ZENITH_DATA_DIR: dir,
    ZENITH_CONTROL_URL: server.url,
    ZENITH_AGENT_JOIN_TOKEN: JOIN,
  });
  return { dir, server, env };
}

describe("a host's one credential", () => {
  it("two agent processes of one host starting together enrol once and present the same credential", async () => {
    const { dir, server } = await setup();
    const script = fileURLToPath(new URL("./fixtures/credential-once.ts", import.meta.url));
    const env = {
      ...process.env,
      ZENITH_DATA_DIR: dir,
      ZENITH_CONTROL_URL: server.url,
      ZENITH_AGENT_JOIN_TOKEN: JOIN,
    };
    const start = () => run(process.execPath, ["--import", "tsx", script, "h1"], { env, timeout: 60_000 });
    const [a, b] = await Promise.all([start(), start()]);
    expect(server.enrolments()).toBe(1);
    expect(a.stdout.trim()).toBe(b.stdout.trim());
    const stored = JSON.parse(await readFile(hostCredentialFile(dir, "h1"), "utf8")) as {
      credential: string;
    };
    expect(stored.credential).toBe(a.stdout.trim());
    expect((await stat(hostCredentialFile(dir, "h1"))).mode & 0o777).toBe(0o600);
  });

  it("two providers of one host in one process racing (each with its own in-process lock) enrol once", async () => {
    const { server, env } = await setup();
    const first = agentCredential(env, { host: "h2", logger, lock: new SerialLock() });
    const second = agentCredential(env, { host: "h2", logger, lock: new SerialLock() });
    const [a, b] = await Promise.all([first(), second()]);
    expect(a).toBe(b);
    expect(server.enrolments()).toBe(1);
  });

  it("takes over the credential an older compute agent kept in its own folder, without enrolling", async () => {
    const { dir, server, env } = await setup();
    const legacy = join(dir, "compute", "h3", "credential.json");
    await mkdir(join(dir, "compute", "h3"), { recursive: true });
    const old = "old".padEnd(40, "z");
    await writeFile(legacy, JSON.stringify({ version: 1, host: "h3", credential: old }));
    expect(await agentCredential(env, { host: "h3", logger, lock: new SerialLock() })()).toBe(old);
    expect(server.enrolments()).toBe(0);
    const moved = JSON.parse(await readFile(hostCredentialFile(dir, "h3"), "utf8")) as { credential: string };
    expect(moved.credential).toBe(old);
  });
});
