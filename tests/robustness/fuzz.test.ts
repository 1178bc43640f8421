/**
 * Fuzz suite: thousands of malformed requests (ids, query strings, bodies,
 * media types, microversions) as anonymous, member and admin against every
 * route the control plane registers, plus malformed WebSocket upgrades on
 * the console and agent paths. Loopback only, fixed seed: the same requests
 * every run. Passes when nothing answers 5xx and the control plane still
 * answers at the end.
 */
import { connect } from "node:net";
import { type OpenStackResponse, startTestCloud, type TestCloud, testDatabases } from "@zenith/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BodySpec,
  bodyArb,
  idArb,
  mediaTypeArb,
  microversionArb,
  type Persona,
  personaArb,
  queryArb,
} from "./fuzz-inputs.ts";

const SEED = 20261206;
/** Requests per route; with ~270 routes this is about 3,000 requests. */
const PER_ROUTE = 11;
/** Requests in flight at once (the machine has two cores). */
const CONCURRENCY = 4;

interface Sent {
  persona: Persona;
  method: string;
  path: string;
  status: number;
  text: string;
}

describe.each(testDatabases())("fuzzing every route of the control plane ($label)", (database) => {
  let cloud: TestCloud;
  let drop = async () => {};
  const tokens: Record<Persona, string | undefined> = {
    anonymous: undefined,
    member: undefined,
    admin: undefined,
    "bogus-token": "gAAAAABbogus-token-that-is-not-one",
  };
  let known: string[] = [];

  beforeAll(async () => {
    const created = await database.create("fuzz");
    drop = created.drop;
    cloud = await startTestCloud({ databaseUrl: created.databaseUrl });
    tokens.admin = await cloud.adminToken();
    tokens.member = await cloud.memberToken();
    // Real ids, so some requests get past "not found" into the handlers (read-only methods only).
    const c = cloud.client;
    const projects = await c.request("GET", "/identity/v3/projects", { token: tokens.admin });
    const users = await c.request("GET", "/identity/v3/users", { token: tokens.admin });
    const flavors = await c.request("GET", "/compute/v2.1/flavors", { token: tokens.admin });
    const images = await c.request("GET", "/image/v2/images", { token: tokens.admin });
    // A network with a subnet and a port, so Network API requests reach real rows too.
    const net = async (path: string, body: unknown) =>
      (await c.request("POST", `/networking/v2.0/${path}`, { token: tokens.admin, body })).body;
    const network = (await net("networks", { network: { name: "fuzz-net", shared: true } })).network;
    const subnet = (
      await net("subnets", { subnet: { network_id: network.id, cidr: "10.250.0.0/24", ip_version: 4 } })
    ).subnet;
    const port = (await net("ports", { port: { network_id: network.id } })).port;
    known = [
      network.id,
      subnet.id,
      port.id,
      "default",
      ...projects.body.projects.map((p: { id: string }) => p.id),
      ...users.body.users.map((u: { id: string }) => u.id),
      ...flavors.body.flavors.map((f: { id: string }) => f.id),
      ...images.body.images.map((i: { id: string }) => i.id),
    ];
  });
  afterAll(async () => {
    await cloud?.close();
    await drop();
  });

  it("answers thousands of malformed requests on every route without a 5xx", async () => {
    const routes = cloud.control.routes;
    expect(routes.length).toBeGreaterThan(200);
    const jobs: Array<() => Promise<Sent>> = [];
    routes.forEach((route, index) => {
      const safe = route.method === "GET" || route.method === "HEAD";
      const spec = fc.record({
        // Destructive methods never get real ids: deleting the admin would blunt the rest of the run.
        ids: fc.array(idArb(safe ? known : ["00000000-0000-4000-8000-000000000000"]), {
          minLength: 4,
          maxLength: 4,
        }),
        query: queryArb(known),
        body: safe ? fc.constant(undefined) : bodyArb,
        mediaType: mediaTypeArb,
        microversion: microversionArb,
        persona: personaArb,
      });
      for (const s of fc.sample(spec, { seed: SEED + index, numRuns: PER_ROUTE })) {
        let n = 0;
        const path = route.url
          .replace(/:[A-Za-z]+/g, () => s.ids[n++ % s.ids.length] ?? "x")
          .replace("*", () => s.ids[0] ?? "x");
        jobs.push(() =>
          send(route.method, `${path}${s.query}`, s.persona, s.body, s.mediaType, s.microversion),
        );
      }
    });
    // Paths no route matches, under every API prefix.
    for (const prefix of [
      "/identity/v3",
      "/compute/v2.1",
      "/image/v2",
      "/networking/v2.0",
      "/console",
      "/agent/v1",
      "",
    ]) {
      for (const s of fc.sample(fc.tuple(idArb(known), personaArb), { seed: SEED, numRuns: 10 })) {
        jobs.push(() => send("GET", `${prefix}/${s[0]}/${s[0]}`, s[1], undefined, undefined, {}));
      }
    }

    const failures: string[] = [];
    const byClass = new Map<string, number>();
    let sent = 0;
    for (let i = 0; i < jobs.length; i += CONCURRENCY) {
      const results = await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()));
      sent += results.length;
      for (const r of results) {
        const cls = `${Math.floor(r.status / 100)}xx`;
        byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
        if (r.status >= 500)
          failures.push(
            `${r.persona} ${r.method} ${r.path.slice(0, 200)} → ${r.status} ${r.text.slice(0, 200)}`,
          );
      }
    }
    expect(sent).toBeGreaterThan(2500);
    // Not all refused at the door: many requests reached handlers and succeeded.
    expect(byClass.get("2xx") ?? 0).toBeGreaterThan(200);
    expect(failures).toEqual([]);
    // Still up and still itself.
    const after = await cloud.client.request("GET", "/identity/v3/auth/tokens", {
      token: tokens.admin,
      headers: { "x-subject-token": tokens.admin ?? "" },
    });
    expect(after.status).toBe(200);
  });

  it("refuses malformed WebSocket upgrades on the console and agent paths without a 5xx", async () => {
    const paths = fc.sample(
      fc.tuple(
        fc.constantFrom(
          "/console/websocket?token=",
          "/agent/v1/compute?x=",
          "/agent/v1/consoles/",
          "/",
          "/nowhere/",
        ),
        idArb(["console-token"]),
        fc.constantFrom(
          undefined,
          "Bearer x",
          "Bearer %00",
          `Bearer ${"x".repeat(5000)}`,
          "Basic Zm9vOmJhcg==",
        ),
        fc.constantFrom("13", "8", "", "x"),
      ),
      { seed: SEED, numRuns: 200 },
    );
    const failures: string[] = [];
    let answered = 0;
    for (const [prefix, id, auth, version] of paths) {
      const status = await upgrade(`${prefix}${id}`, auth, version);
      if (status > 0) answered++;
      if (status >= 500) failures.push(`${prefix}${id.slice(0, 80)} (${auth?.slice(0, 20)}) → ${status}`);
    }
    expect(failures).toEqual([]);
    // Upgrades get an HTTP answer (a refusal), not a silent close.
    expect(answered).toBeGreaterThan(paths.length * 0.9);
    expect((await cloud.client.request("GET", "/identity/v3")).status).toBe(200);
  });

  async function send(
    method: string,
    path: string,
    persona: Persona,
    body: BodySpec | undefined,
    mediaType: string | undefined,
    mv: { nova?: string; openstack?: string },
  ): Promise<Sent> {
    const headers: Record<string, string> = {};
    if (mv.nova !== undefined) headers["x-openstack-nova-api-version"] = mv.nova;
    if (mv.openstack !== undefined) headers["openstack-api-version"] = mv.openstack;
    if (body !== undefined && mediaType !== undefined) headers["content-type"] = mediaType;
    const token = tokens[persona];
    let res: OpenStackResponse;
    try {
      res = await cloud.client.request(method, path, {
        ...(token ? { token } : {}),
        ...(body !== undefined ? { rawBody: body.text } : {}),
        headers,
      });
    } catch (err) {
      // A reset connection (the server refusing an oversized body early) is not a 5xx; anything else is.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      const reset = /ECONNRESET|EPIPE|other side closed/.test(cause);
      return { persona, method, path, status: reset && body?.huge ? 413 : 599, text: cause };
    }
    return { persona, method, path, status: res.status, text: res.text };
  }

  /** Sends one upgrade request on a raw socket; resolves with the status of the answer (0: closed without one). */
  function upgrade(path: string, auth: string | undefined, version: string): Promise<number> {
    const { hostname, port } = new URL(cloud.url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      let received = "";
      socket.on("error", () => resolve(0));
      socket.on("data", (chunk) => {
        received += chunk.toString("latin1");
        const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (line) {
          resolve(Number(line[1]));
          socket.destroy();
        }
      });
      socket.on("close", () => resolve(0));
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          "Host: localhost",
          "Connection: Upgrade",
          "Upgrade: websocket",
          `Sec-WebSocket-Version: ${version}`,
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
          ...(auth ? [`Authorization: ${auth}`] : []),
          "",
          "",
        ].join("\r\n"),
      );
    });
  }
});
