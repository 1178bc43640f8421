import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";

interface Opened {
  ws: WebSocket;
  /** Everything received so far, as text. */
  received: () => string;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a console WebSocket; rejects with the HTTP status when the upgrade is refused. */
function openConsole(url: string, origin?: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    let text = "";
    ws.on("message", (data) => {
      text += Buffer.from(data as Buffer).toString();
    });
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.once("close", (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.once("open", () => resolve({ ws, received: () => text, closed }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

describe("remote consoles: tokens, the proxy and the agent's console socket", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let serverId: string;
  let otherToken: string;

  beforeAll(async () => {
    env = await startCompute("consoles");
    const { imageId } = await seed(env);
    agent = new FakeAgent({ host: "cmp-console" }, env.control.url);
    await agent.connect();
    const res = await createServer(env, {
      name: "console-vm",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
    });
    serverId = res.body.server.id;
    await waitForStatus(env, serverId, "ACTIVE");
    const c = env.control;
    const admin = env.adminToken;
    const project = await c.api("POST", "/projects", { token: admin, body: { project: { name: "rivals" } } });
    const user = await c.api("POST", "/users", {
      token: admin,
      body: { user: { name: "eve", password: "pw-123456" } },
    });
    const roles = await c.api("GET", "/roles", { token: admin });
    const member = roles.body.roles.find((r: { name: string }) => r.name === "member").id;
    await c.api("PUT", `/projects/${project.body.project.id}/users/${user.body.user.id}/roles/${member}`, {
      token: admin,
    });
    otherToken = await c.login("eve", "pw-123456", { project: "rivals" });
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  const remoteConsole = (protocol: string, type: string, opts: { token?: string; mv?: string } = {}) =>
    env.api("POST", `servers/${serverId}/remote-consoles`, {
      mv: opts.mv ?? "2.8",
      ...(opts.token ? { token: opts.token } : {}),
      body: { remote_console: { protocol, type } },
    });

  it("hands out a serial URL whose WebSocket reaches the guest's console through the agent", async () => {
    const res = await remoteConsole("serial", "serial");
    expect(res.status).toBe(200);
    expect(res.body.remote_console).toMatchObject({ protocol: "serial", type: "serial" });
    const url: string = res.body.remote_console.url;
    expect(url).toMatch(/^ws:\/\/.+\/console\/websocket\?token=[\w-]{20,}$/);
    const console = await openConsole(url);
    await waitFor(async () => console.received().includes(`serial console of ${serverId}`));
    console.ws.send("uname -a\n");
    await waitFor(async () => console.received().includes("echo:uname -a"));
    console.ws.close();
  });

  it("refuses a foreign Origin with 403 before the upgrade (the token stays unspent); the portal, the noVNC page and clients without Origin connect", async () => {
    const serialUrl = async () => (await remoteConsole("serial", "serial")).body.remote_console.url as string;
    const url = await serialUrl();
    await expect(openConsole(url, "http://evil.example")).rejects.toThrow("HTTP 403");
    await expect(openConsole(url, "null")).rejects.toThrow("HTTP 403");
    // The refused page did not burn the user's URL: the CLI (no Origin) still opens it.
    const cli = await openConsole(url);
    await waitFor(async () => cli.received().includes(`serial console of ${serverId}`));
    cli.ws.close();
    // The portal (default http://localhost:3000, and its 127.0.0.1 twin) and the control plane's own page.
    for (const origin of [
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      new URL(env.control.url).origin,
    ]) {
      const page = await openConsole(await serialUrl(), origin);
      await waitFor(async () => page.received().includes(`serial console of ${serverId}`));
      page.ws.close();
    }
  });

  it("refuses a token a second time, an expired token and a made-up one", async () => {
    const first = await remoteConsole("serial", "serial");
    const url: string = first.body.remote_console.url;
    (await openConsole(url)).ws.close();
    await expect(openConsole(url)).rejects.toThrow("HTTP 401");

    const late = await remoteConsole("serial", "serial");
    await env.control.running.db.prisma.consoleAuthToken.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(openConsole(late.body.remote_console.url)).rejects.toThrow("HTTP 401");
    await expect(openConsole(url.replace(/token=.*/, "token=not-a-token"))).rejects.toThrow("HTTP 401");
  });

  it("hides another project's server (404) and its token opens nothing of ours", async () => {
    const theirs = await remoteConsole("serial", "serial", { token: otherToken });
    expect(theirs.status).toBe(404);
    expect(theirs.body.itemNotFound.message).toContain(serverId);
  });

  it("serves noVNC for novnc URLs, and its WebSocket relays RFB bytes", async () => {
    const res = await remoteConsole("vnc", "novnc");
    expect(res.status).toBe(200);
    const url = new URL(res.body.remote_console.url);
    expect(url.pathname).toBe("/console/vnc_auto.html");
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("novnc/core/rfb.js");
    const rfb = await fetch(new URL("/console/novnc/core/rfb.js", url));
    expect(rfb.status).toBe(200);
    expect(rfb.headers.get("content-type")).toContain("javascript");
    const traversal = await fetch(new URL("/console/novnc/..%2f..%2fpackage.json", url));
    expect(traversal.status).toBe(404);
    const path = url.searchParams.get("path") ?? "";
    const console = await openConsole(`ws://${url.host}/${path}`);
    await waitFor(async () => console.received().includes("vnc console of"));
    console.ws.close();
  });

  it("answers the pre-2.6 actions and the admin's token lookup", async () => {
    const serial = await env.api("POST", `servers/${serverId}/action`, {
      body: { "os-getSerialConsole": { type: "serial" } },
    });
    expect(serial.status).toBe(200);
    expect(serial.body.console.type).toBe("serial");
    const token = new URL(serial.body.console.url).searchParams.get("token") ?? "";
    const vnc = await env.api("POST", `servers/${serverId}/action`, {
      body: { "os-getVNCConsole": { type: "novnc" } },
    });
    expect(vnc.body.console).toMatchObject({ type: "novnc" });

    const lookup = await env.api("GET", `os-console-auth-tokens/${token}`, {
      token: env.adminToken,
      mv: "2.31",
    });
    expect(lookup.status).toBe(200);
    expect(lookup.body.console.instance_uuid).toBe(serverId);
    expect((await env.api("GET", `os-console-auth-tokens/${token}`)).status).toBe(403);
    expect((await env.api("GET", "os-console-auth-tokens/nope", { token: env.adminToken })).status).toBe(404);
  });

  it("answers bad requests as Nova does", async () => {
    expect((await remoteConsole("serial", "serial", { mv: "2.5" })).status).toBe(404);
    const mismatch = await remoteConsole("serial", "novnc");
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.badRequest.message).toContain("Unsupported console type");
    const spice = await remoteConsole("spice", "spice-html5");
    expect(spice.status).toBe(400);
    expect(spice.body.badRequest.message).toBe("Unavailable console type spice-html5.");
    const junk = await remoteConsole("telnet", "serial");
    expect(junk.status).toBe(400);
    expect(junk.body.badRequest.message).toContain("protocol");
  });

  it("refuses consoles of a stopped server (409) and ends a session when the host goes away", async () => {
    const res = await remoteConsole("serial", "serial");
    const console = await openConsole(res.body.remote_console.url);
    await waitFor(async () => console.received().includes("serial console"));
    await agent.close();
    const closed = await console.closed;
    expect(closed.code).not.toBe(1006);
    await agent.connect();

    expect((await env.api("POST", `servers/${serverId}/action`, { body: { "os-stop": null } })).status).toBe(
      202,
    );
    await waitForStatus(env, serverId, "SHUTOFF");
    const stopped = await remoteConsole("serial", "serial");
    expect(stopped.status).toBe(409);
    expect(stopped.body.conflictingRequest.message).toContain("must be running");
  });
});
