/**
 * A scripted OpenStack for BFF unit tests: Keystone's catalog and projects,
 * a Nova with an in-memory server list (filters, sort, limit/marker,
 * changes-since) and a Glance with images. Every call is recorded so tests
 * can assert what was (and was not) fetched.
 */
export interface FakeServer {
  id: string;
  name: string;
  status: string;
  updated: string;
  created: string;
  tenant_id: string;
  flavorName: string;
  imageId: string;
}

export interface CloudCall {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export function server(n: number, overrides: Partial<FakeServer> = {}): FakeServer {
  const t = new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString().replace(".000", "");
  return {
    id: `srv-${String(n).padStart(3, "0")}`,
    name: `vm-${String(n).padStart(3, "0")}`,
    status: "ACTIVE",
    updated: t,
    created: t,
    tenant_id: "p-demo",
    flavorName: "m1.small",
    imageId: `img-${n % 3}`,
    ...overrides,
  };
}

/** A server as Nova's `GET /servers/{id}` and `/servers/detail` show it. */
export function novaServer(s: FakeServer) {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    tenant_id: s.tenant_id,
    user_id: "u-demo",
    created: s.created,
    updated: s.updated,
    addresses: { private: [{ addr: "10.0.0.5", version: 4, "OS-EXT-IPS:type": "fixed" }] },
    flavor: {
      original_name: s.flavorName,
      vcpus: 1,
      ram: 2048,
      disk: 20,
      ephemeral: 0,
      swap: 0,
      extra_specs: {},
    },
    image: { id: s.imageId, links: [] },
    key_name: null,
    metadata: {},
    locked: false,
    "OS-EXT-STS:vm_state": s.status === "DELETED" ? "deleted" : "active",
    "OS-EXT-STS:task_state": null,
    "OS-EXT-STS:power_state": 1,
    "OS-EXT-AZ:availability_zone": "nova",
  };
}

const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });

export function fakeCloud(
  opts: {
    servers?: FakeServer[];
    quota?: Record<string, number>;
    /** Serves Zenith's own API (`zenith-changes`): server counts per status. */
    zenith?: boolean;
  } = {},
) {
  const state = {
    servers: opts.servers ?? [],
    limits: {
      maxTotalInstances: 10,
      totalInstancesUsed: 3,
      maxTotalCores: 4,
      totalCoresUsed: 3,
      maxTotalRAMSize: 51200,
      totalRAMUsed: 2048,
      maxTotalKeypairs: 100,
      ...opts.quota,
    },
  };
  const calls: CloudCall[] = [];

  function listServers(q: URLSearchParams, detail: boolean) {
    let rows = [...state.servers];
    const changesSince = q.get("changes-since");
    if (changesSince) rows = rows.filter((s) => Date.parse(s.updated) >= Date.parse(changesSince));
    else rows = rows.filter((s) => s.status !== "DELETED");
    const name = q.get("name");
    if (name) rows = rows.filter((s) => new RegExp(name).test(s.name));
    const status = q.get("status");
    if (status) rows = rows.filter((s) => s.status === status);
    const key = q.get("sort_key") === "display_name" ? "name" : "created";
    const dir = q.get("sort_dir") === "asc" ? 1 : -1;
    rows.sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : a.id < b.id ? -dir : dir));
    const marker = q.get("marker");
    if (marker) {
      const at = rows.findIndex((s) => s.id === marker);
      if (at < 0) return json({ badRequest: { code: 400, message: `marker [${marker}] not found` } }, 400);
      rows = rows.slice(at + 1);
    }
    const limit = Math.min(Number(q.get("limit") ?? 1000), 1000);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const links =
      page.length === limit && rows.length > limit && last
        ? [{ rel: "next", href: `http://nova.test/v2.1/servers?limit=${limit}&marker=${last.id}` }]
        : [];
    return json({
      servers: detail ? page.map(novaServer) : page.map((s) => ({ id: s.id, name: s.name, links: [] })),
      servers_links: links,
    });
  }

  const flavors = [
    {
      id: "1",
      name: "m1.tiny",
      vcpus: 1,
      ram: 512,
      disk: 1,
      swap: 0,
      "OS-FLV-EXT-DATA:ephemeral": 0,
      "os-flavor-access:is_public": true,
      extra_specs: {},
    },
    {
      id: "2",
      name: "m1.small",
      vcpus: 1,
      ram: 2048,
      disk: 20,
      swap: 0,
      "OS-FLV-EXT-DATA:ephemeral": 0,
      "os-flavor-access:is_public": true,
      extra_specs: {},
    },
    {
      id: "3",
      name: "m1.medium",
      vcpus: 2,
      ram: 4096,
      disk: 40,
      swap: 0,
      "OS-FLV-EXT-DATA:ephemeral": 0,
      "os-flavor-access:is_public": true,
      extra_specs: { "hw:cpu_policy": "shared" },
    },
  ];
  const image = (id: string) => ({
    id,
    name: `image ${id}`,
    status: "active",
    visibility: "public",
    disk_format: "qcow2",
    container_format: "bare",
    size: 1024,
    min_disk: 0,
    min_ram: 0,
    owner: "p-admin",
    protected: false,
    tags: [],
    created_at: "2024-01-01T00:00:00Z",
  });

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, host: url.host, path: url.pathname, query: url.searchParams, body });
    const p = url.pathname;
    if (url.host === "keystone.test") {
      if (p.endsWith("/auth/catalog"))
        return json({
          catalog: [
            {
              id: "c",
              type: "compute",
              endpoints: [
                { id: "e1", interface: "public", region_id: "RegionOne", url: "http://nova.test/v2.1" },
              ],
            },
            {
              id: "g",
              type: "image",
              endpoints: [
                { id: "e2", interface: "public", region_id: "RegionOne", url: "http://glance.test" },
              ],
            },
            ...(opts.zenith
              ? [
                  {
                    id: "z",
                    type: "zenith-changes",
                    endpoints: [
                      {
                        id: "e3",
                        interface: "public",
                        region_id: "RegionOne",
                        url: "http://zenith.test/zenith/v1",
                      },
                    ],
                  },
                ]
              : []),
          ],
        });
      const project = /\/projects\/([^/]+)$/.exec(p);
      if (project?.[1])
        return json({
          project: { id: project[1], name: `name of ${project[1]}`, domain_id: "default", enabled: true },
        });
    }
    if (url.host === "nova.test") {
      if (p === "/v2.1")
        return json({ version: { id: "v2.1", version: "2.90", min_version: "2.1", status: "CURRENT" } });
      if (p === "/v2.1/servers") return listServers(url.searchParams, false);
      if (p === "/v2.1/servers/detail") return listServers(url.searchParams, true);
      const one = /^\/v2\.1\/servers\/([^/]+)$/.exec(p);
      if (one?.[1] && method === "GET") {
        const s = state.servers.find((x) => x.id === one[1] && x.status !== "DELETED");
        return s
          ? json({ server: novaServer(s) })
          : json({ itemNotFound: { code: 404, message: "Instance not found" } }, 404);
      }
      const act = /^\/v2\.1\/servers\/([^/]+)\/action$/.exec(p);
      if (act?.[1]) {
        const s = state.servers.find((x) => x.id === act[1]);
        if (!s)
          return json(
            { itemNotFound: { code: 404, message: `Instance ${act[1]} could not be found.` } },
            404,
          );
        if (body && "os-start" in body && s.status === "ACTIVE")
          return json(
            {
              conflictingRequest: {
                code: 409,
                message: "Cannot 'start' instance while it is in vm_state active",
              },
            },
            409,
          );
        return json(null, 202);
      }
      if (p === "/v2.1/flavors/detail") return json({ flavors });
      if (p === "/v2.1/limits") {
        // Nova counts the project's live instances; a test may pin the figure through `quota`.
        const counted = { totalInstancesUsed: state.servers.length || state.limits.totalInstancesUsed };
        return json({ limits: { absolute: { ...state.limits, ...counted, ...opts.quota }, rate: [] } });
      }
      if (p === "/v2.1/os-keypairs")
        return json({
          keypairs: [{ keypair: { name: "k1", fingerprint: "fp", public_key: "ssh-rsa AAA", type: "ssh" } }],
        });
      if (p === "/v2.1/os-availability-zone")
        return json({
          availabilityZoneInfo: [{ zoneName: "nova", zoneState: { available: true }, hosts: null }],
        });
    }
    if (url.host === "zenith.test" && p === "/zenith/v1/server-counts") {
      const counts = new Map<string, number>();
      for (const s of state.servers)
        if (s.status !== "DELETED") counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
      return json({ server_counts: [...counts].map(([status, count]) => ({ status, count })) });
    }
    if (url.host === "glance.test") {
      const img = /^\/v2\/images\/([^/]+)$/.exec(p);
      if (img?.[1]) return json(image(img[1]));
      if (p === "/v2/images")
        return json({ images: [image("img-0"), { ...image("img-big"), min_disk: 50 }] });
    }
    return json({ itemNotFound: { code: 404, message: `no route ${method} ${url.host}${p}` } }, 404);
  };
  return { fetch: fetchImpl, calls, state };
}
