/**
 * Per-host agent credentials (issue 8): enrolment with one-time join
 * tokens, credentials bound to host names, and hosts confined to their own
 * instances' images, snapshots and consoles. Every "compromised host" here
 * holds a valid credential of its own and tries to reach another host's.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { agentConsolePath, agentImageFilePath, COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import {
  AGENT_ENROL_PATH,
  AGENT_JOIN_TOKENS_PATH,
  agentHostCredentialPath,
  CLOSE_CREDENTIAL_REVOKED,
  CLOSE_HOST_MISMATCH,
} from "@zenith/agent-protocol/enrolment";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  AGENT_TOKEN,
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import {
  DEMO_PASSWORD,
  startTestControl,
  type TestControl,
  tempDir,
  testTargets,
  waitFor,
} from "./harness.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function post(url: string, path: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function joinToken(control: TestControl, adminToken: string): Promise<string> {
  const res = await post(control.url, AGENT_JOIN_TOKENS_PATH, { "x-auth-token": adminToken }, {});
  expect(res.status).toBe(201);
  return res.body.join_token.token;
}

function enrol(control: TestControl, token: string, host: string) {
  return post(control.url, AGENT_ENROL_PATH, { authorization: `Bearer ${token}` }, { host });
}

/** The hello of a small fake host. */
function helloFrame(host: string): string {
  return JSON.stringify({
    type: "hello",
    protocol: 1,
    host,
    agentVersion: "test",
    resources: {
      vcpus: 4,
      memoryMb: 4096,
      diskGb: 40,
      hypervisorType: "fake",
      hypervisorVersion: 1,
      hypervisorHostname: host,
      hostIp: "127.0.0.1",
      cpuInfo: {},
    },
    instances: [],
  });
}

/** Says hello as `host` with `credential`; resolves with the welcome or the close that refused it. */
async function helloAs(
  url: string,
  credential: string,
  host: string,
): Promise<{ welcomed: boolean; code?: number; reason?: string }> {
  const session = await openSession(url, credential, host);
  if (session.welcomed) session.ws.close();
  return session.welcomed ? { welcomed: true } : { welcomed: false, ...(await session.closed) };
}

interface Session {
  ws: WebSocket;
  welcomed: boolean;
  closed: Promise<{ code: number; reason: string }>;
}

/** A protocol session that stays open after the welcome (or has been closed by the control plane). */
function openSession(url: string, credential: string, host: string): Promise<Session> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}${COMPUTE_AGENT_PATH}`, {
    headers: { authorization: `Bearer ${credential}` },
  });
  const closed = new Promise<{ code: number; reason: string }>((done) =>
    ws.once("close", (code, reason) => done({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once("open", () => ws.send(helloFrame(host)));
    ws.on("message", (data) => {
      if (JSON.parse(data.toString()).type === "welcome") resolve({ ws, welcomed: true, closed });
    });
    ws.once("close", () => resolve({ ws, welcomed: false, closed }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

for (const target of testTargets()) {
  describe(`agent enrolment and host-bound credentials (${target.label})`, () => {
    let control: TestControl;
    let adminToken: string;
    const lines: string[] = [];
    const dir = tempDir("zenith-enrol-");

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      control = await startTestControl(target, {
        dataDir: dir.path,
        agentToken: AGENT_TOKEN,
        logger: pino({ level: "info" }, sink),
      });
      adminToken = await control.adminToken();
    });
    afterAll(async () => {
      await control?.close();
      dir.remove();
    });

    it("lets only cloud admins create join tokens", async () => {
      const demo = await control.login("demo", DEMO_PASSWORD, { project: "demo" });
      expect((await post(control.url, AGENT_JOIN_TOKENS_PATH, { "x-auth-token": demo }, {})).status).toBe(
        403,
      );
      expect((await post(control.url, AGENT_JOIN_TOKENS_PATH, {}, {})).status).toBe(401);
    });

    it("exchanges a join token once for a credential of which only a hash is stored", async () => {
      const token = await joinToken(control, adminToken);
      const first = await enrol(control, token, "enrol-a");
      expect(first.status).toBe(201);
      expect(first.body.host).toBe("enrol-a");
      const credential: string = first.body.credential;
      const prisma = control.running.db.prisma;
      const row = await prisma.hostCredential.findUniqueOrThrow({ where: { host: "enrol-a" } });
      expect(row.secretHash).toBe(sha256(credential));
      expect(row.secretHash).not.toContain(credential);
      const spent = await prisma.agentJoinToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });
      expect(spent.usedBy).toBe("enrol-a");

      // Used: refused, whatever host asks.
      expect((await enrol(control, token, "enrol-b")).status).toBe(401);
      // Expired: refused.
      const late = await joinToken(control, adminToken);
      await prisma.agentJoinToken.update({
        where: { tokenHash: sha256(late) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect((await enrol(control, late, "enrol-b")).status).toBe(401);
      expect((await enrol(control, "made-up-join-token-made-up-join-token-xx", "enrol-b")).status).toBe(401);
    });

    it("refuses a join token for a name already enrolled, and the token stays unspent", async () => {
      const token = await joinToken(control, adminToken);
      const taken = await enrol(control, token, "enrol-a");
      expect(taken.status).toBe(409);
      expect((await enrol(control, token, "enrol-c")).status).toBe(201);
    });

    it("binds a credential to its host name: another name is refused with a reason and a log line", async () => {
      const credential = (await enrol(control, await joinToken(control, adminToken), "bound-a")).body
        .credential;
      expect(await helloAs(control.url, credential, "bound-a")).toEqual({ welcomed: true });

      const claim = await helloAs(control.url, credential, "bound-b");
      expect(claim).toEqual({
        welcomed: false,
        code: CLOSE_HOST_MISMATCH,
        reason: "credential is bound to host bound-a",
      });
      expect(
        lines.some(
          (l) =>
            l.includes("agent refused: it claims a host its credential does not allow") &&
            l.includes("bound-b"),
        ),
      ).toBe(true);
      expect(
        await control.running.db.prisma.computeHost.findUnique({ where: { host: "bound-b" } }),
      ).toBeNull();

      // The shared token (configured here) may not take an enrolled name either.
      const shared = await helloAs(control.url, AGENT_TOKEN, "bound-a");
      expect(shared).toMatchObject({ welcomed: false, code: CLOSE_HOST_MISMATCH });
      await expect(helloAs(control.url, "not-a-credential", "bound-a")).rejects.toThrow("HTTP 401");
    });

    it("revokes a credential (admins only): the live session ends, the secret is refused, the name can enrol again", async () => {
      const credential = (await enrol(control, await joinToken(control, adminToken), "revoke-a")).body
        .credential;
      const session = await openSession(control.url, credential, "revoke-a");
      expect(session.welcomed).toBe(true);
      const revoke = (token: string, host: string) =>
        fetch(`${control.url}${agentHostCredentialPath(host)}`, {
          method: "DELETE",
          headers: { "x-auth-token": token },
        });
      const demo = await control.login("demo", DEMO_PASSWORD, { project: "demo" });
      expect((await revoke(demo, "revoke-a")).status).toBe(403);
      expect((await revoke(adminToken, "no-such-host")).status).toBe(404);
      expect((await revoke(adminToken, "revoke-a")).status).toBe(204);
      expect(await session.closed).toEqual({ code: CLOSE_CREDENTIAL_REVOKED, reason: "credential revoked" });

      // A socket authenticated before the revocation cannot say hello after it.
      const other = (await enrol(control, await joinToken(control, adminToken), "revoke-b")).body.credential;
      const early = new WebSocket(`${control.url.replace(/^http/, "ws")}${COMPUTE_AGENT_PATH}`, {
        headers: { authorization: `Bearer ${other}` },
      });
      const earlyClosed = new Promise<number>((done) => early.once("close", (code) => done(code)));
      await new Promise((resolve) => early.once("open", resolve));
      expect((await revoke(adminToken, "revoke-b")).status).toBe(204);
      early.send(helloFrame("revoke-b"));
      expect(await earlyClosed).toBe(CLOSE_CREDENTIAL_REVOKED);
      await expect(helloAs(control.url, credential, "revoke-a")).rejects.toThrow("HTTP 401");
      expect((await enrol(control, await joinToken(control, adminToken), "revoke-a")).status).toBe(201);
    });

    it("keeps one unused join token in the data folder (0600), renewed once a host spends it", async () => {
      const file = join(dir.path, "agent-join-token");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const before = readFileSync(file, "utf8").trim();
      expect((await enrol(control, before, "local-1")).status).toBe(201);
      const after = readFileSync(file, "utf8").trim();
      expect(after).not.toBe(before);
      expect((await enrol(control, after, "local-2")).status).toBe(201);
    });

    it("enrols the host even when the join-token file cannot be renewed afterwards", async () => {
      const file = join(dir.path, "agent-join-token");
      const token = readFileSync(file, "utf8").trim();
      // A directory in the file's place makes the renewal fail.
      rmSync(file);
      mkdirSync(join(file, "blocked"), { recursive: true });
      try {
        const res = await enrol(control, token, "local-3");
        expect(res.status).toBe(201);
        expect(await helloAs(control.url, res.body.credential, "local-3")).toEqual({ welcomed: true });
        expect(lines.some((l) => l.includes("after-enrolment step failed"))).toBe(true);
      } finally {
        rmSync(file, { recursive: true, force: true });
      }
    });
  });
}

describe("a host reaches only its own instances' images, snapshots and consoles", () => {
  let env: ComputeTestEnv;
  let imageId: string;
  let hostA: FakeAgent;
  let hostB: FakeAgent;
  let credA: string;
  let credB: string;
  let serverA: string;

  const get = (credential: string, image: string) =>
    fetch(`${env.control.url}${agentImageFilePath(image)}`, {
      headers: { authorization: `Bearer ${credential}` },
    });
  const put = (credential: string, image: string) =>
    fetch(`${env.control.url}${agentImageFilePath(image)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${credential}`, "content-type": "application/octet-stream" },
      body: "forged snapshot bytes",
    });

  beforeAll(async () => {
    env = await startCompute("host-scope");
    ({ imageId } = await seed(env));
    credA = await env.control.running.enrolHost("scope-a");
    credB = await env.control.running.enrolHost("scope-b");
    hostA = new FakeAgent({ host: "scope-a", token: credA }, env.control.url);
    await hostA.connect();
    const res = await createServer(env, { name: "on-a", imageRef: imageId, flavorRef: FLAVORS.small.id });
    serverA = res.body.server.id;
    await waitForStatus(env, serverA, "ACTIVE");
    // B joins once A's instance is placed, so nothing of B's uses the image yet.
    hostB = new FakeAgent({ host: "scope-b", token: credB }, env.control.url);
    await hostB.connect();
  });
  afterAll(async () => {
    await hostA?.close();
    await hostB?.close();
    await env?.close();
  });

  it("serves A the image its instance boots from, and not B, which has no instance using it", async () => {
    const own = await get(credA, imageId);
    expect(own.status).toBe(200);
    expect(await own.text()).toBe("fake disk image bytes\n");
    const stolen = await get(credB, imageId);
    expect(stolen.status).toBe(404);
    await stolen.text();
  });

  it("lets B download the same image once an instance of B boots from it", async () => {
    // A busy A leaves the next instance to B.
    await env.control.running.db.prisma.computeHost.update({
      where: { host: "scope-a" },
      data: { disabled: true },
    });
    const res = await createServer(env, { name: "on-b", imageRef: imageId, flavorRef: FLAVORS.small.id });
    await waitForStatus(env, res.body.server.id, "ACTIVE");
    await env.control.running.db.prisma.computeHost.update({
      where: { host: "scope-a" },
      data: { disabled: false },
    });
    const own = await get(credB, imageId);
    expect(own.status).toBe(200);
    await own.text();
  });

  it("refuses B's upload into A's snapshot; A's own upload completes it", async () => {
    const prisma = env.control.running.db.prisma;
    hostA.hold();
    const res = await env.api("POST", `servers/${serverA}/action`, {
      body: { createImage: { name: "a-snap" } },
      mv: "2.45",
    });
    expect(res.status).toBe(202);
    const snapshotId: string = res.body.image_id;
    const forged = await put(credB, snapshotId);
    expect(forged.status).toBe(404);
    expect((await prisma.image.findUniqueOrThrow({ where: { id: snapshotId } })).status).toBe("saving");
    hostA.release();
    await waitFor(
      async () => (await prisma.image.findUniqueOrThrow({ where: { id: snapshotId } })).status === "active",
    );
    const image = await prisma.image.findUniqueOrThrow({ where: { id: snapshotId } });
    expect(Number(image.size)).toBe(`snapshot of ${serverA}\n`.length);
    await waitForStatus(env, serverA, "ACTIVE");
  });

  it("refuses B's socket for A's console session; A's own socket connects the browser", async () => {
    hostA.hold();
    const res = await env.api("POST", `servers/${serverA}/remote-consoles`, {
      mv: "2.8",
      body: { remote_console: { protocol: "serial", type: "serial" } },
    });
    expect(res.status).toBe(200);
    const browser = new WebSocket(res.body.remote_console.url);
    let seen = "";
    browser.on("message", (data) => {
      seen += String(data);
    });
    await new Promise((resolve, reject) => {
      browser.once("open", resolve);
      browser.once("error", reject);
    });
    // The session id only ever goes to A; a compromised B that learnt it still cannot take the console.
    let sessionId = "";
    await waitFor(async () => {
      const rpc = hostA.received.find((m) => m.type === "rpc" && m.method === "openConsole");
      sessionId = rpc?.type === "rpc" && rpc.method === "openConsole" ? rpc.params.sessionId : "";
      return sessionId !== "";
    });
    const intruder = new WebSocket(
      `${env.control.url.replace(/^http/, "ws")}${agentConsolePath(sessionId)}`,
      {
        headers: { authorization: `Bearer ${credB}` },
      },
    );
    const refused = await new Promise<number>((resolve) => intruder.once("close", (code) => resolve(code)));
    expect(refused).toBe(4004);

    hostA.release();
    await waitFor(async () => seen.includes(`serial console of ${serverA}`));
    browser.close();
  });
});
