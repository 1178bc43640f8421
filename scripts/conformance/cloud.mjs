// Starting a throwaway Zenith for the conformance run, and reading from a
// running one what tempest.conf needs (admin token, catalog, image, flavors).
import { join } from "node:path";
import { NODE_TS, startService, stopServices, waitForUrl } from "../lib/processes.mjs";
import { ROOT } from "../lib/stack.mjs";

/**
 * Control plane (PGlite in `dataDir`), one compute agent process running
 * `computeHosts` fake hosts, the network agent of the same hosts and one
 * volume host (fake drivers): what tempest's API tests need, no portal.
 */
export async function startCloud({ dataDir, port, adminPassword, computeHosts = 2, logStream }) {
  const url = `http://localhost:${port}`;
  const common = { LOG_LEVEL: process.env.LOG_LEVEL ?? "info", ZENITH_DATA_DIR: dataDir };
  const children = [];
  try {
    const control = startService("control", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/control"),
      env: {
        ...common,
        ZENITH_CONTROL_PORT: String(port),
        ZENITH_PUBLIC_URL: url,
        ZENITH_ADMIN_PASSWORD: adminPassword,
        ZENITH_SEED_STARTER_IMAGE: "true",
      },
      quiet: true,
      logStream,
    });
    children.push(control);
    await waitForUrl(`${url}/identity/v3`, { child: control, timeoutMs: 180_000 });
    const agent = startService("compute", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/compute-agent"),
      env: {
        ...common,
        ZENITH_CONTROL_URL: url,
        ZENITH_COMPUTE_DRIVER: "fake",
        ZENITH_COMPUTE_HOST: "compute1",
        ZENITH_COMPUTE_AGENTS: String(computeHosts),
      },
      quiet: true,
      logStream,
    });
    children.push(agent);
    // The network agent of the same hosts (fake driver: nothing is wired for
    // real), so ports get bound and servers with ports go ACTIVE.
    const network = startService("network", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/network-agent"),
      env: {
        ...common,
        ZENITH_CONTROL_URL: url,
        ZENITH_NETWORK_DRIVER: "fake",
        ZENITH_NETWORK_HOST: "compute1",
        ZENITH_NETWORK_AGENTS: String(computeHosts),
        // Every desired port counts as plugged: no wait for the fake compute driver's tap files.
        ZENITH_FAKE_TAPS: "all",
      },
      quiet: true,
      logStream,
    });
    children.push(network);
    // One volume host (fake driver: volumes are simulated, so tempest's many 1 GiB volumes cost nothing).
    const volume = startService("volume", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      cwd: join(ROOT, "apps/volume-agent"),
      env: {
        ...common,
        ZENITH_CONTROL_URL: url,
        ZENITH_VOLUME_DRIVER: "fake",
        ZENITH_VOLUME_HOST: "compute1",
      },
      quiet: true,
      logStream,
    });
    children.push(volume);
    return { url, children, agent };
  } catch (err) {
    await stopServices(children);
    throw err;
  }
}

async function call(url, { method = "GET", token, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      Accept: "application/json",
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { "X-Auth-Token": token } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { res, json: text ? JSON.parse(text) : null };
}

/** Admin login; returns the token and the public endpoints of the catalog, by service type. */
export async function adminSession(identityUrl, { user, password, project, domain }) {
  const { res, json } = await call(`${identityUrl}/auth/tokens`, {
    method: "POST",
    body: {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: user, password, domain: { name: domain } } },
        },
        scope: { project: { name: project, domain: { name: domain } } },
      },
    },
  });
  const token = res.headers.get("x-subject-token");
  if (!token) throw new Error("the token response has no X-Subject-Token");
  const endpoints = {};
  let region = null;
  for (const svc of json.token.catalog ?? []) {
    const ep = (svc.endpoints ?? []).find((e) => e.interface === "public");
    if (ep) {
      endpoints[svc.type] = ep.url.replace(/\/$/, "");
      region ??= ep.region_id ?? ep.region ?? null;
    }
  }
  return { token, endpoints, region: region ?? "RegionOne", domainId: json.token.user.domain.id };
}

/**
 * Waits until `count` compute hosts are up, so the first server tempest
 * boots is scheduled.
 */
export async function waitForHosts(computeUrl, token, count, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(`${computeUrl}/os-services`, { token });
    const up = (json.services ?? []).filter((s) => s.binary === "nova-compute" && s.state === "up");
    if (up.length >= count) return up.length;
    if (Date.now() > deadline) throw new Error(`only ${up.length} of ${count} compute hosts came up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The images and flavors tempest boots: an active public image (and a
 * second one, which the image filter tests need), the two smallest flavors.
 * With `makeAltImage` (a throwaway cloud) the second image is uploaded when
 * the cloud has only one.
 */
export async function pickRefs(endpoints, token, { makeAltImage = false } = {}) {
  const { json: flavors } = await call(`${endpoints.compute}/flavors/detail`, { token });
  const sorted = [...flavors.flavors].sort((a, b) => a.ram - b.ram || a.vcpus - b.vcpus || a.disk - b.disk);
  if (sorted.length === 0) throw new Error("the cloud has no flavors");
  const { json: images } = await call(`${endpoints.image}/v2/images?status=active&visibility=public`, {
    token,
  });
  const preferred = images.images.find((i) => i.name === "zenith-starter") ?? images.images[0];
  if (!preferred) throw new Error("the cloud has no active public image");
  let alt = images.images.find((i) => i.id !== preferred.id);
  if (!alt && makeAltImage) alt = await uploadAltImage(endpoints.image, token, preferred);
  return {
    imageRef: preferred.id,
    imageRefAlt: (alt ?? preferred).id,
    flavorRef: sorted[0].id,
    flavorRefAlt: (sorted[1] ?? sorted[0]).id,
  };
}

/** A public copy of `base`'s formats and hypervisor with 1 MiB of zeros, waited for until active. */
async function uploadAltImage(imageUrl, token, base) {
  const { json: image } = await call(`${imageUrl}/v2/images`, {
    method: "POST",
    token,
    body: {
      name: "conformance-alt",
      disk_format: base.disk_format,
      container_format: base.container_format,
      visibility: "public",
      ...(base.hypervisor_type ? { hypervisor_type: base.hypervisor_type } : {}),
    },
  });
  const res = await fetch(`${imageUrl}/v2/images/${image.id}/file`, {
    method: "PUT",
    headers: { "X-Auth-Token": token, "Content-Type": "application/octet-stream" },
    body: Buffer.alloc(1024 * 1024),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`uploading conformance-alt: HTTP ${res.status} ${await res.text()}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { json } = await call(`${imageUrl}/v2/images/${image.id}`, { token });
    if (json.status === "active") return json;
    if (Date.now() > deadline) throw new Error(`conformance-alt stayed ${json.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * What tempest.conf's network sections need: the id of the external network
 * `public` (the bootstrap creates it) and the aliases GET /v2.0/extensions
 * lists, so tempest runs exactly the extension tests the cloud serves.
 */
export async function networkSettings(networkUrl, token) {
  const { json: nets } = await call(`${networkUrl}/v2.0/networks?name=public&router:external=true`, {
    token,
  });
  const pub = nets.networks?.[0];
  if (!pub) throw new Error("the cloud has no external network named public");
  const { json: ext } = await call(`${networkUrl}/v2.0/extensions`, { token });
  const aliases = (ext.extensions ?? []).map((e) => e.alias).sort();
  if (aliases.length === 0) throw new Error("GET /v2.0/extensions lists no extension");
  return { publicNetworkId: pub.id, extensions: aliases.join(",") };
}

/**
 * The block-storage extensions the cloud lists (`GET /extensions`), for
 * `[volume-feature-enabled] api_extensions`: tempest's `all` assumes
 * Cinder's whole set (it looks for os-hosts' "Hosts", which Zenith does not serve).
 */
export async function volumeExtensions(volumeUrl, token) {
  const { json } = await call(`${volumeUrl}/extensions`, { token });
  const aliases = (json.extensions ?? []).map((e) => e.alias).sort();
  if (aliases.length === 0) throw new Error("GET /extensions (block storage) lists no extension");
  return aliases.join(",");
}

/** The highest compute microversion the cloud announces. */
export async function computeMaxMicroversion(computeUrl) {
  const { json } = await call(computeUrl);
  return json.version?.version || "2.1";
}
