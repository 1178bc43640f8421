import type { AddressInfo } from "node:net";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { forgetMicroversions } from "@zenith/api-client/nova";
import { beforeEach, describe, expect, it } from "vitest";
import { createBffServer } from "../src/server.ts";
import { clearCatalogCache } from "../src/services/cloud/catalog.ts";
import { createCloud } from "../src/services/cloud/clients.ts";
import { clearJoinCaches } from "../src/services/compute/joins.ts";
import { type InstanceChanges, watchInstances } from "../src/services/compute/updates.ts";
import { fakeCloud, server } from "./fake-cloud.ts";
import { callerFor, codeOf, keystoneSession, SECRET, sessionCookie, silentLog } from "./helpers.ts";

beforeEach(() => {
  clearJoinCaches();
  clearCatalogCache();
  forgetMicroversions();
});

function cloudFor(fake: ReturnType<typeof fakeCloud>) {
  const keystone = createKeystoneClient({
    authUrl: "http://keystone.test/identity/v3",
    token: "tok",
    fetch: fake.fetch,
  });
  return createCloud({ token: "tok", keystone, fetch: fake.fetch });
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("watchInstances", () => {
  it("emits changes and deletions once, then stops on abort", async () => {
    const start = Date.now();
    const fake = fakeCloud({
      servers: [server(1, { updated: iso(start - 60_000) }), server(2, { updated: iso(start) })],
    });
    const abort = new AbortController();
    const stream = watchInstances(
      cloudFor(fake),
      { token: "tok", isAdmin: false },
      { intervalMs: 5, signal: abort.signal },
    );
    const events: InstanceChanges[] = [];
    for await (const event of stream) {
      events.push(event);
      if (events.length === 1) {
        // The next change: server 1 moves to SHUTOFF, server 2 is deleted.
        const [s1, s2] = fake.state.servers;
        if (s1 && s2) {
          s1.status = "SHUTOFF";
          s1.updated = iso(Date.now() + 1000);
          s2.status = "DELETED";
          s2.updated = iso(Date.now() + 1000);
        }
      }
      if (events.length === 2) abort.abort();
    }
    expect(events[0]).toMatchObject({ changed: [{ id: "srv-002" }], deleted: [] });
    expect(events[1]?.changed.map((i) => [i.id, i.status])).toEqual([["srv-001", "SHUTOFF"]]);
    expect(events[1]?.deleted).toEqual(["srv-002"]);
    const polls = fake.calls.filter((c) => c.path === "/v2.1/servers/detail");
    expect(polls.every((c) => c.query.has("changes-since"))).toBe(true);
    // Unchanged polls in between emitted nothing; the stream ended after the abort.
    const after = fake.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.calls.length).toBe(after);
  });

  it("reports watched ids that vanished where changes-since hides deletions", async () => {
    const fake = fakeCloud({ servers: [server(1, { updated: iso(Date.now() - 3_600_000) })] });
    const abort = new AbortController();
    const stream = watchInstances(
      cloudFor(fake),
      { token: "tok", isAdmin: false },
      { intervalMs: 1, sweepEvery: 2, watch: ["srv-001", "srv-gone"], signal: abort.signal },
    );
    const first = await stream.next();
    abort.abort();
    expect(first.value).toEqual({ changed: [], deleted: ["srv-gone"] });
    expect((await stream.next()).done).toBe(true);
  });
});

describe("compute.instances.updates over SSE", () => {
  it("streams events to an EventSource-style client and stops polling when it disconnects", async () => {
    const fake = fakeCloud({ servers: [server(1, { updated: iso(Date.now()) })] });
    const bff = createBffServer(
      { keystoneUrl: "http://keystone.test/identity/v3", authSecret: SECRET, fetch: fake.fetch },
      silentLog,
    );
    await new Promise<void>((resolve) => bff.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(bff.address() as AddressInfo).port}`;
    try {
      const cookie = await sessionCookie(keystoneSession());
      const abort = new AbortController();
      const res = await fetch(
        `${base}/api/trpc/compute.instances.updates?input=${encodeURIComponent("{}")}`,
        {
          headers: { cookie, accept: "text/event-stream" },
          signal: abort.signal,
        },
      );
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = res.body?.getReader();
      let text = "";
      while (reader && !text.includes("srv-001")) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      expect(text).toContain('"changed"');
      abort.abort();
      await new Promise((r) => setTimeout(r, 2500));
      const settled = fake.calls.length;
      await new Promise((r) => setTimeout(r, 2500));
      expect(fake.calls.length).toBe(settled);
    } finally {
      bff.closeAllConnections();
      await new Promise((resolve) => bff.close(resolve));
    }
  });
});

describe("ladder for compute, images and admin", () => {
  it("refuses admin.* to members, compute.* without a project or session", async () => {
    const member = await callerFor(await sessionCookie(keystoneSession()));
    for (const call of [
      member.caller.admin.hypervisors.list(),
      member.caller.admin.computeServices.list(),
      member.caller.admin.computeServices.setEnabled({ id: "s", enabled: false, reason: "x" }),
      member.caller.admin.flavors.create({ name: "f", vcpus: 1, ram: 1, disk: 0 }),
      member.caller.admin.flavors.delete({ id: "1" }),
      member.caller.admin.flavors.setAccess({ id: "1", projectIds: [] }),
      member.caller.admin.quotas.get({ projectId: "p" }),
      member.caller.admin.quotas.update({ projectId: "p", limits: { cores: 1 } }),
      member.caller.admin.quotas.defaults({ projectId: "p" }),
    ]) {
      expect(await codeOf(call)).toBe("FORBIDDEN");
    }
    const unscoped = await callerFor(await sessionCookie(keystoneSession({ project: null, roles: [] })));
    expect(await codeOf(unscoped.caller.compute.instances.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(unscoped.caller.images.list({}))).toBe("FORBIDDEN");
    const anonymous = await callerFor(undefined);
    expect(await codeOf(anonymous.caller.compute.launchOptions())).toBe("UNAUTHORIZED");
  });

  it("says which service the catalog lacks", async () => {
    const keystoneOnly: typeof fetch = async () =>
      new Response(JSON.stringify({ catalog: [] }), { status: 200 });
    const { caller } = await callerFor(await sessionCookie(keystoneSession({ token: "tok-nocat" })), {
      fetch: keystoneOnly,
    });
    await expect(caller.compute.keyPairs.list({})).rejects.toMatchObject({
      message: "This cloud has no compute (Nova) service in its catalog.",
    });
  });
});
