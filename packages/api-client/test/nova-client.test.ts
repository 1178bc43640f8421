import { beforeEach, describe, expect, it } from "vitest";
import {
  chooseMicroversion,
  createNovaClient,
  forgetMicroversions,
  versionRootOf,
} from "../src/nova/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

const versionDoc = (max: string) => ({
  version: { id: "v2.1", status: "CURRENT", version: max, min_version: "2.1" },
});

beforeEach(() => forgetMicroversions());

describe("microversions", () => {
  it("picks min(2.79, server max)", () => {
    expect(chooseMicroversion("2.104", "2.1")).toBe("2.79");
    expect(chooseMicroversion("2.60", "2.1")).toBe("2.60");
    expect(chooseMicroversion("", "")).toBe("2.1");
  });

  it("finds the version document above a project-scoped endpoint", () => {
    expect(versionRootOf("http://c/compute/v2.1")).toBe("http://c/compute/v2.1");
    expect(versionRootOf("http://c:8774/v2.1/abc123/")).toBe("http://c:8774/v2.1");
  });

  it("negotiates once per endpoint and sends both headers", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc("2.60") },
      { path: "/compute/v2.1/os-keypairs", body: { keypairs: [] } },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    await nova.keyPairs.list();
    await nova.keyPairs.list();
    const discovery = fake.calls.filter((c) => c.url === "http://c/compute/v2.1");
    expect(discovery).toHaveLength(1);
    const call = fake.calls.at(-1);
    expect(call?.headers.get("openstack-api-version")).toBe("compute 2.60");
    expect(call?.headers.get("x-openstack-nova-api-version")).toBe("2.60");
  });

  it("maps a Nova fault to OpenStackError with its message", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc("2.79") },
      {
        path: "/compute/v2.1/servers/x",
        status: 404,
        body: { itemNotFound: { code: 404, message: "Instance x could not be found." } },
        headers: { "x-compute-request-id": "req-1" },
      },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    await expect(nova.servers.get("x")).rejects.toMatchObject({
      name: "OpenStackError",
      status: 404,
      message: "Instance x could not be found.",
      requestId: "req-1",
    });
  });
});

describe("servers", () => {
  const summary = (id: string) => ({ id, name: id, links: [] });
  it("walks marker pages with filters and sort", async () => {
    const fake = fakeFetch([
      {
        path: "/v2.1/servers?name=web&changes-since=2024-01-01T00%3A00%3A00Z&all_tenants=1&sort_key=display_name&sort_dir=asc&limit=2",
        body: {
          servers: [summary("a"), summary("b")],
          servers_links: [{ rel: "next", href: "http://c/v2.1/servers?limit=2&marker=b" }],
        },
      },
      {
        path: "/v2.1/servers?name=web&changes-since=2024-01-01T00%3A00%3A00Z&all_tenants=1&sort_key=display_name&sort_dir=asc&limit=2&marker=b",
        body: { servers: [summary("c")] },
      },
    ]);
    const nova = createNovaClient({
      endpoint: "http://c/v2.1",
      token: "t",
      fetch: fake.fetch,
      microversion: "2.79",
    });
    const all = await nova.servers.listAll({
      name: "web",
      changesSince: "2024-01-01T00:00:00Z",
      allTenants: true,
      sortKey: "display_name",
      sortDir: "asc",
      limit: 2,
    });
    expect(all.map((s) => s.id)).toEqual(["a", "b", "c"]);
  });

  it("sends actions in Nova's body shapes", async () => {
    const fake = fakeFetch([
      { method: "POST", path: "/v2.1/servers/s/action", status: 202 },
      { method: "POST", path: "/v2.1/servers/s/action", status: 202 },
    ]);
    const nova = createNovaClient({
      endpoint: "http://c/v2.1",
      token: "t",
      fetch: fake.fetch,
      microversion: "2.79",
    });
    await nova.servers.stop("s");
    await nova.servers.reboot("s", true);
    await nova.servers.resize("s", "2");
    await nova.servers.lock("s", "maintenance");
    expect(fake.calls.map((c) => c.body)).toEqual([
      { "os-stop": null },
      { reboot: { type: "HARD" } },
      { resize: { flavorRef: "2" } },
      { lock: { locked_reason: "maintenance" } },
    ]);
  });

  it("reads the snapshot id from the body (2.45+) or the Location header", async () => {
    const fake = fakeFetch([
      { method: "POST", path: "/new/servers/s/action", status: 202, body: { image_id: "img-1" } },
      {
        method: "POST",
        path: "/old/servers/s/action",
        status: 202,
        headers: { location: "http://glance/v2/images/img-2" },
      },
    ]);
    const newer = createNovaClient({
      endpoint: "http://c/new",
      token: "t",
      fetch: fake.fetch,
      microversion: "2.79",
    });
    const older = createNovaClient({
      endpoint: "http://c/old",
      token: "t",
      fetch: fake.fetch,
      microversion: "2.1",
    });
    expect(await newer.servers.createImage("s", "snap")).toBe("img-1");
    expect(await older.servers.createImage("s", "snap")).toBe("img-2");
  });
});
