import { OpenStackError } from "@zenith/api-client/http";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import type { ChangeBatch, ChangesClient } from "@zenith/api-client/zenith";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Cloud, createCloud } from "../src/services/cloud/clients.ts";
import { type IndexedTopology, indexTopology } from "../src/services/network/topology/digest.ts";
import {
  cachedGraph,
  clearGraphCache,
  GRAPH_CACHE_MAX_AGE_MS,
} from "../src/services/network/topology/graph-cache.ts";
import type { TopologyView } from "../src/services/network/topology/view.ts";

/**
 * The BFF's graph cache against a scripted change feed: when it answers
 * from the last read, and every way it must read again. The whole path
 * (a real control plane's feed, Neutron and Nova) is in
 * network-topology.int.test.ts.
 */

/** A change feed like the control plane's: a log of notices, cursors over it, an epoch per start. */
function scriptedFeed() {
  const log: ChangeBatch["changes"] = [];
  const state: { epoch: string; calls: number; failure: Error | undefined } = {
    epoch: "epoch-1",
    calls: 0,
    failure: undefined,
  };
  const client: ChangesClient = {
    async wait(cursor) {
      state.calls++;
      if (state.failure) throw state.failure;
      const latest = log.length;
      if (cursor.epoch !== state.epoch) return { epoch: state.epoch, latest, reset: true, changes: [] };
      return { epoch: state.epoch, latest, reset: false, changes: log.slice(cursor.after) };
    },
    async serverCounts() {
      return [];
    },
  };
  const change = (projectId: string | null) => {
    log.push({ table: "port", project_id: projectId });
  };
  return Object.assign(state, { client, change });
}

function cloudFor(token: string, changes: ChangesClient | null): Cloud {
  const keystone = createKeystoneClient({ authUrl: "http://keystone.invalid/identity/v3", token });
  return { ...createCloud({ token, keystone }), changes: async () => changes };
}

/** A read that counts itself; `graphs[n]` is what its n-th call returned (compared by identity). */
function countingRead() {
  const graphs: IndexedTopology[] = [];
  const read = vi.fn(async (): Promise<IndexedTopology> => {
    const graph = indexTopology({ nodes: [], edges: [] });
    graphs.push(graph);
    return graph;
  });
  return Object.assign(read, { graphs });
}

const demoView: TopologyView = { kind: "project", projectId: "p-demo", foreign: false };

describe("the topology graph cache", () => {
  let feed: ReturnType<typeof scriptedFeed>;
  beforeEach(() => {
    clearGraphCache();
    feed = scriptedFeed();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("answers from the last read with one notice call while nothing the view draws from changed", async () => {
    const cloud = cloudFor("tok-demo", feed.client);
    const read = countingRead();
    const first = await cachedGraph(cloud, demoView, read);
    expect(read).toHaveBeenCalledTimes(1);
    feed.calls = 0;
    // Another project's change is not this view's.
    feed.change("p-other");
    expect(await cachedGraph(cloud, demoView, read)).toBe(first);
    expect(await cachedGraph(cloud, demoView, read)).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    expect(feed.calls).toBe(2);
  });

  it("reads again after a change in the project, a shared row's change, a control plane restart", async () => {
    const cloud = cloudFor("tok-demo", feed.client);
    const read = countingRead();
    await cachedGraph(cloud, demoView, read);
    feed.change("p-demo");
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[1]);
    feed.change(null);
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[2]);
    feed.epoch = "epoch-2";
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[3]);
    // And the fresh read is the one answered next.
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[3]);
    expect(read).toHaveBeenCalledTimes(4);
  });

  it("never answers another token or another view from a graph", async () => {
    const read = countingRead();
    await cachedGraph(cloudFor("tok-demo", feed.client), demoView, read);
    await cachedGraph(cloudFor("tok-admin", feed.client), demoView, read);
    await cachedGraph(cloudFor("tok-demo", feed.client), { kind: "all" }, read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it("reads again once the graph is older than its age limit, even with no notice", async () => {
    const cloud = cloudFor("tok-demo", feed.client);
    const read = countingRead();
    let now = 1_000_000;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    await cachedGraph(cloud, demoView, read);
    now += GRAPH_CACHE_MAX_AGE_MS - 1;
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[0]);
    now += 1;
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[1]);
  });

  it("refuses an expired token rather than hand it the cached graph; reads uncached when the feed fails", async () => {
    const cloud = cloudFor("tok-demo", feed.client);
    const read = countingRead();
    await cachedGraph(cloud, demoView, read);
    feed.failure = new OpenStackError(401, "The request you have made requires authentication.");
    await expect(cachedGraph(cloud, demoView, read)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    feed.failure = new OpenStackError(503, "Service Unavailable");
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[1]);
    expect(await cachedGraph(cloud, demoView, read)).toBe(read.graphs[2]);
  });

  it("reads every time where the cloud has no change notices (any other OpenStack)", async () => {
    const cloud = cloudFor("tok-demo", null);
    const read = countingRead();
    await cachedGraph(cloud, demoView, read);
    await cachedGraph(cloud, demoView, read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("forgets a read that failed", async () => {
    const cloud = cloudFor("tok-demo", feed.client);
    const read = vi.fn(async (): Promise<IndexedTopology> => {
      throw new Error("neutron down");
    });
    await expect(cachedGraph(cloud, demoView, read)).rejects.toThrow("neutron down");
    const good = countingRead();
    expect(await cachedGraph(cloud, demoView, good)).toBe(good.graphs[0]);
  });
});
