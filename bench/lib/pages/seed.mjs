// Fills the admin's own project (the one both portals open after login)
// for the page-speed bench through the public APIs only: `instances`
// servers with no network (Nova's multi-create, 500 a request, one batch
// at a time) and a few of every other resource, plus one named
// instance, network, volume and router whose detail pages are measured.
// Plain JavaScript on global fetch, like bench/lib/topology-seed.mjs.
import { cloudApi } from "../topology-seed.mjs";

const BATCH = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The project's servers whose name matches `regex` (one batch: at most 1000). */
async function serversNamed(api, regex) {
  const { servers } = await api(
    "GET",
    `/compute/v2.1/servers/detail?limit=1000&name=${encodeURIComponent(regex)}`,
  );
  return servers;
}

/** Counts the project's servers by status with one paged walk (Nova's marker pages of 1000). */
async function statusCounts(api) {
  const counts = {};
  let marker = "";
  for (;;) {
    const { servers } = await api("GET", `/compute/v2.1/servers/detail?limit=1000${marker}`);
    for (const s of servers) counts[s.status] = (counts[s.status] ?? 0) + 1;
    const last = servers.at(-1);
    if (!last || servers.length < 1000) return counts;
    marker = `&marker=${last.id}`;
  }
}

async function waitFor(what, probe, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/**
 * Seeds the project of `token` (`projectId`, an admin's: it lifts the
 * quotas and makes users, projects and groups; `userId` gets an application
 * credential). Returns what the detail pages need and the
 * seeding's durations (s).
 */
export async function seedPages({ controlUrl, token, projectId, userId, instances, log = () => {} }) {
  const api = (method, path, body) => cloudApi(controlUrl, token, method, path, body);
  const t0 = performance.now();
  const took = () => (performance.now() - t0) / 1000;
  await api("PUT", `/compute/v2.1/os-quota-sets/${projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1, key_pairs: -1 },
  });
  await api("PUT", `/networking/v2.0/quotas/${projectId}`, {
    quota: { network: -1, subnet: -1, port: -1, router: -1, floatingip: -1, security_group: -1 },
  });
  await api("PUT", `/volume/v3/${projectId}/os-quota-sets/${projectId}`, {
    quota_set: { volumes: -1, gigabytes: -1, snapshots: -1 },
  }).catch((err) => log(`  volume quotas not lifted: ${err.message}`));

  const [image] = (await api("GET", "/image/v2/images?name=zenith-starter")).images;
  if (!image) throw new Error("no zenith-starter image");
  const [external] = (await api("GET", "/networking/v2.0/networks?router:external=true")).networks;
  if (!external) throw new Error("no external network");

  // The bulk: no ports, so only the instances' own rows and their placement (as bench/compute.mjs
  // fills). One batch at a time, each ACTIVE before the next: a burst of thousands of builds on a busy
  // machine stalls the control plane past the hosts' heartbeats, and the scheduler then finds no host.
  // Instances that still end in ERROR are deleted and made again (bounded).
  let remaining = instances;
  let retries = 0;
  for (let batch = 0; remaining > 0; batch++) {
    const count = Math.min(BATCH, remaining);
    const name = `bench-vm-${batch}`;
    await api("POST", "/compute/v2.1/servers", {
      server: {
        name,
        imageRef: image.id,
        flavorRef: "1",
        min_count: count,
        max_count: count,
        networks: "none",
      },
    });
    const servers = await waitFor(`batch ${name}`, async () => {
      const list = await serversNamed(api, `^${name}(-|$)`);
      return list.length >= count && list.every((v) => v.status !== "BUILD") ? list : null;
    });
    const failed = servers.filter((v) => v.status === "ERROR");
    for (const v of failed) await api("DELETE", `/compute/v2.1/servers/${v.id}`);
    retries += failed.length;
    if (retries > instances / 2) {
      throw new Error(
        `${retries} instances ended in ERROR while seeding: ${failed[0]?.fault?.message ?? "no fault"}`,
      );
    }
    remaining -= count - failed.length;
    log(
      `${instances - remaining}/${instances} instances ACTIVE (${took().toFixed(0)} s${failed.length ? `; ${failed.length} in ERROR made again: ${failed[0]?.fault?.message ?? "no fault"}` : ""})`,
    );
  }

  // A few of everything else.
  const networks = [];
  for (let i = 0; i < 3; i++) {
    const { network } = await api("POST", "/networking/v2.0/networks", {
      network: { name: `bench-net-${i}` },
    });
    const { subnet } = await api("POST", "/networking/v2.0/subnets", {
      subnet: { network_id: network.id, ip_version: 4, cidr: `10.120.${i}.0/24`, name: `bench-subnet-${i}` },
    });
    networks.push({ network, subnet });
  }
  const routers = [];
  for (let i = 0; i < 2; i++) {
    const { router } = await api("POST", "/networking/v2.0/routers", {
      router: { name: `bench-router-${i}`, external_gateway_info: { network_id: external.id } },
    });
    await api("PUT", `/networking/v2.0/routers/${router.id}/add_router_interface`, {
      subnet_id: networks[i]?.subnet.id,
    });
    routers.push(router);
  }
  for (let i = 0; i < 2; i++) {
    await api("POST", "/networking/v2.0/security-groups", {
      security_group: { name: `bench-sg-${i}`, description: "page-speed bench" },
    });
  }
  for (let i = 0; i < 3; i++) {
    await api("POST", "/compute/v2.1/os-keypairs", { keypair: { name: `bench-key-${i}` } });
  }
  for (let i = 0; i < 3; i++) {
    const created = await api("POST", "/image/v2/images", {
      name: `bench-image-${i}`,
      disk_format: "raw",
      container_format: "bare",
    });
    await fetch(`${controlUrl}/image/v2/images/${created.id}/file`, {
      method: "PUT",
      headers: { "x-auth-token": token, "content-type": "application/octet-stream" },
      body: new Uint8Array(1024),
    });
  }
  const volumes = [];
  for (let i = 0; i < 3; i++) {
    const { volume } = await api("POST", `/volume/v3/${projectId}/volumes`, {
      volume: { name: `bench-vol-${i}`, size: 1 },
    });
    volumes.push(volume);
  }
  const domain = "default";
  for (let i = 0; i < 3; i++) {
    await api("POST", "/identity/v3/projects", {
      project: { name: `bench-project-${i}`, domain_id: domain, description: "page-speed bench" },
    });
    await api("POST", "/identity/v3/users", {
      user: { name: `bench-user-${i}`, domain_id: domain, password: `bench-user-pw-${i}-x` },
    });
  }
  for (let i = 0; i < 2; i++) {
    await api("POST", "/identity/v3/groups", { group: { name: `bench-group-${i}`, domain_id: domain } });
  }
  await api("POST", `/identity/v3/users/${userId}/application_credentials`, {
    application_credential: { name: "bench-app-cred", description: "page-speed bench" },
  });
  log(
    `networks, routers, security groups, key pairs, images, volumes, projects, users, groups, an application credential (${took().toFixed(0)} s)`,
  );

  // The instance whose detail page is measured: on a network, made last (newest first in the lists).
  const detailNetwork = networks[0]?.network;
  const { server } = await api("POST", "/compute/v2.1/servers", {
    server: {
      name: "bench-detail-vm",
      imageRef: image.id,
      flavorRef: "1",
      networks: [{ uuid: detailNetwork.id }],
    },
  });
  // Its floating IP once Neutron made its port (the port comes with the build, not the request).
  const port = await waitFor(
    "the detail instance's port",
    async () => (await api("GET", `/networking/v2.0/ports?device_id=${server.id}`)).ports[0] ?? null,
    60_000,
  );
  await api("POST", "/networking/v2.0/floatingips", {
    floatingip: { floating_network_id: external.id, port_id: port.id },
  });

  const counts = await waitFor(`${instances + 1} ACTIVE instances`, async () => {
    const c = await statusCounts(api);
    if ((c.ERROR ?? 0) > 0) throw new Error(`${c.ERROR} instances in ERROR while seeding`);
    return (c.ACTIVE ?? 0) >= instances + 1 ? c : null;
  });
  const seedS = took();
  log(`${counts.ACTIVE} instances ACTIVE (${seedS.toFixed(0)} s)`);
  await waitFor(
    "the volumes",
    async () => {
      const { volumes: vs } = await api("GET", `/volume/v3/${projectId}/volumes/detail`);
      return vs.filter((v) => v.name?.startsWith("bench-vol-")).every((v) => v.status === "available");
    },
    120_000,
  );

  return {
    seedS,
    detail: {
      instance: { id: server.id, name: "bench-detail-vm" },
      network: { id: detailNetwork.id, name: detailNetwork.name },
      volume: { id: volumes[0].id, name: volumes[0].name },
      router: { id: routers[0].id, name: routers[0].name },
    },
  };
}
