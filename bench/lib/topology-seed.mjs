// Seeds a project with a topology of a given size through the public APIs
// only (Neutron for networks, subnets and routers; Nova with `min_count`
// for servers), so any bench can use it against any running stack: the
// BFF topology bench in-process, the portal's Playwright bench later.
//
//   const seeded = await seedTopology({ controlUrl, adminToken, token, projectId });
//
// Plain JavaScript on global fetch: no TypeScript loader needed.

const COMPUTE_VERSION = "compute 2.79";

/** One API call; throws with the method, path and the cloud's answer on any 4xx/5xx. */
export async function cloudApi(controlUrl, token, method, path, body) {
  const res = await fetch(`${controlUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      "x-auth-token": token,
      "openstack-api-version": COMPUTE_VERSION,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** A password login scoped to a project (by name, in domain Default); returns the token and project id. */
export async function login(controlUrl, username, password, projectName) {
  const res = await fetch(`${controlUrl}/identity/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: username, domain: { name: "Default" }, password } },
        },
        scope: { project: { name: projectName, domain: { name: "Default" } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const token = res.headers.get("x-subject-token");
  const body = await res.json();
  return { token, projectId: body.token.project.id, userId: body.token.user.id };
}

/** Runs `tasks` (functions returning promises) with at most `limit` in flight. */
async function pooled(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Every server whose name matches `nameRegex`, following Nova's marker pages. */
async function listServers(api, nameRegex) {
  const all = [];
  let marker = "";
  for (;;) {
    const { servers } = await api(
      "GET",
      `/compute/v2.1/servers/detail?name=${encodeURIComponent(nameRegex)}&limit=1000${marker}`,
    );
    all.push(...servers);
    const last = servers.at(-1);
    if (!last || servers.length < 1000) return all;
    marker = `&marker=${last.id}`;
  }
}

/** Splits `total` into `parts` near-equal whole numbers (the first ones take the remainder). */
export function spread(total, parts) {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/** The i-th tenant subnet: 10.100.0.0/24, 10.100.1.0/24, … (clear of DevStack's 10.0.0.0/26). */
export function subnetCidr(i) {
  return `10.${100 + Math.floor(i / 256)}.${i % 256}.0/24`;
}

/**
 * Creates `routers` routers (gateway on the first external network),
 * `networks` networks with one /24 subnet each, attached round-robin to
 * the routers, and `instances` servers spread evenly over the networks
 * (one `min_count` request per network, `concurrency` at a time), then
 * waits until every server is ACTIVE (a server in ERROR is made again, up
 * to `maxRetries` times). Lifts the project's Nova and Neutron
 * quotas first (admin token). Returns the ids it created.
 */
export async function seedTopology({
  controlUrl,
  adminToken,
  token,
  projectId,
  networks = 50,
  routers = 20,
  instances = 500,
  prefix = "topo",
  flavorRef = "1",
  imageName = "zenith-starter",
  concurrency = 4,
  timeoutMs = 900_000,
  /** How many servers in ERROR may be deleted and made again before giving up. */
  maxRetries = 200,
  log = () => {},
}) {
  const api = (method, path, body) => cloudApi(controlUrl, token, method, path, body);
  await cloudApi(controlUrl, adminToken, "PUT", `/compute/v2.1/os-quota-sets/${projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1 },
  });
  await cloudApi(controlUrl, adminToken, "PUT", `/networking/v2.0/quotas/${projectId}`, {
    quota: { network: -1, subnet: -1, port: -1, router: -1, floatingip: -1 },
  });

  const external = (await api("GET", "/networking/v2.0/networks?router:external=true")).networks[0];
  if (!external) throw new Error("no external network to put router gateways on");
  const image = (await api("GET", `/image/v2/images?name=${encodeURIComponent(imageName)}`)).images[0];
  if (!image) throw new Error(`no image named ${imageName}`);

  const routerIds = await pooled(
    Array.from({ length: routers }, (_, i) => async () => {
      const { router } = await api("POST", "/networking/v2.0/routers", {
        router: { name: `${prefix}-router-${i}`, external_gateway_info: { network_id: external.id } },
      });
      return router.id;
    }),
    concurrency,
  );
  log(`${routers} routers`);

  const networkIds = await pooled(
    Array.from({ length: networks }, (_, i) => async () => {
      const { network } = await api("POST", "/networking/v2.0/networks", {
        network: { name: `${prefix}-net-${i}` },
      });
      const { subnet } = await api("POST", "/networking/v2.0/subnets", {
        subnet: { network_id: network.id, ip_version: 4, cidr: subnetCidr(i), name: `${prefix}-subnet-${i}` },
      });
      const routerId = routerIds[i % routerIds.length];
      if (routerId) {
        await api("PUT", `/networking/v2.0/routers/${routerId}/add_router_interface`, {
          subnet_id: subnet.id,
        });
      }
      return network.id;
    }),
    concurrency,
  );
  log(`${networks} networks`);

  const counts = spread(instances, networks);
  await pooled(
    networkIds.map((networkId, i) => async () => {
      const count = counts[i] ?? 0;
      if (count === 0) return;
      await api("POST", "/compute/v2.1/servers", {
        server: {
          name: `${prefix}-vm-${i}`,
          imageRef: image.id,
          flavorRef,
          min_count: count,
          max_count: count,
          networks: [{ uuid: networkId }],
        },
      });
    }),
    concurrency,
  );
  log(`${instances} servers requested`);

  const deadline = Date.now() + timeoutMs;
  let retries = 0;
  for (;;) {
    const servers = await listServers(api, `^${prefix}-vm-`);
    const failures = servers.filter((s) => s.status === "ERROR");
    // The hosts were likely down for a moment (missed heartbeats): give them time before trying again.
    if (failures.length > 0) await new Promise((r) => setTimeout(r, 2000));
    for (const failed of failures) {
      // On a loaded machine a fake host can miss its heartbeat and the scheduler then finds no host:
      // a few such servers are made again on their network (<prefix>-vm-<network>-<k>), not fatal.
      const network = networkIds[Number(/^.*-vm-(\d+)(-\d+)?$/.exec(failed.name)?.[1] ?? -1)];
      if (retries >= maxRetries || !network) {
        throw new Error(`server ${failed.name} in ERROR: ${failed.fault?.message ?? "no fault"}`);
      }
      retries++;
      log(`${failed.name} in ERROR (${failed.fault?.message ?? "no fault"}): made again`);
      await api("DELETE", `/compute/v2.1/servers/${failed.id}`);
      await api("POST", "/compute/v2.1/servers", {
        server: { name: failed.name, imageRef: image.id, flavorRef, networks: [{ uuid: network }] },
      });
    }
    const active = servers.filter((s) => s.status === "ACTIVE");
    if (active.length >= instances) {
      log(`${instances} servers ACTIVE`);
      return { externalNetworkId: external.id, routerIds, networkIds, serverIds: active.map((s) => s.id) };
    }
    if (Date.now() > deadline) throw new Error(`only ${active.length}/${instances} ACTIVE in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
