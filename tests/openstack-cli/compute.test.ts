import { generateKeyPairSync, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startComputeAgent } from "./agent-process.ts";
import { openstack, openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed) against the real control plane
// and a real compute agent process (fake driver).
const ADMIN_PASSWORD = "cli-admin-pw";
const suffix = randomBytes(3).toString("hex");
const names = {
  image: `cli-img-${suffix}`,
  flavor: `cli-flavor-${suffix}`,
  keypair: `cli-kp-${suffix}`,
  server: `cli-vm-${suffix}`,
  snapshot: `cli-snap-${suffix}`,
};
const HOST = `cli-host-${suffix}`;

let cloud: CliCloud;
let agent: ReturnType<typeof startComputeAgent>;
let admin: NodeJS.ProcessEnv;
let work: string;

/** An OpenSSH public key line, built from an Ed25519 key (wire format: string type, string key). */
function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} cli@zenith`;
}

async function serverField(name: string, field: string): Promise<unknown> {
  const shown = await openstackJson<Record<string, unknown>>(["server", "show", name], admin);
  return shown[field];
}

/** Polls `server show` until `field` has `want` (the CLI's own --wait polls every 5 s too). */
async function waitForServer(name: string, field: string, want: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await serverField(name, field);
    if (last === want) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`server ${name}: ${field} is ${String(last)}, wanted ${want}`);
}

beforeAll(async () => {
  cloud = await startCliCloud("compute", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: "cli-demo-pw",
    // No network agent runs in this suite: a cloud without networks, whose servers boot with none.
    defaultNetworking: false,
  });
  ({ work } = cloud);
  agent = startComputeAgent(cloud.agent(HOST));
  admin = cloud.admin;
  // The agent registers its host on connect; wait until Nova lists it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const services = await openstackJson<Array<{ Host: string; State: string }>>(
      ["compute", "service", "list"],
      admin,
    );
    if (services.some((s) => s.Host === HOST && s.State === "up")) break;
    if (Date.now() > deadline)
      throw new Error(`compute host ${HOST} never came up: ${JSON.stringify(services)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(async () => {
  await agent?.stop();
  await cloud?.close();
});

describe("openstack CLI: images, flavors, key pairs", () => {
  it("image create --file, list, show, set", async () => {
    const file = join(work, "disk.img");
    writeFileSync(file, randomBytes(256 * 1024));
    const created = await openstackJson<Record<string, unknown>>(
      [
        "image",
        "create",
        "--file",
        file,
        "--disk-format",
        "qcow2",
        "--container-format",
        "bare",
        names.image,
      ],
      admin,
    );
    expect(created.name).toBe(names.image);
    const list = await openstackJson<Array<{ Name: string; Status: string }>>(["image", "list"], admin);
    expect(list).toContainEqual(expect.objectContaining({ Name: names.image, Status: "active" }));
    await openstackOk(
      ["image", "set", "--property", "zenith_test=yes", "--min-ram", "64", names.image],
      admin,
    );
    const shown = await openstackJson<Record<string, unknown>>(["image", "show", names.image], admin);
    expect(shown.status).toBe("active");
    expect(shown.min_ram).toBe(64);
    expect(shown.size).toBe(256 * 1024);
    expect(JSON.stringify(shown.properties)).toContain("zenith_test");
  });

  it("flavor create and list", async () => {
    const flavor = await openstackJson<Record<string, unknown>>(
      ["flavor", "create", "--ram", "256", "--disk", "1", "--vcpus", "1", names.flavor],
      admin,
    );
    expect(flavor.name).toBe(names.flavor);
    const list = await openstackJson<Array<{ Name: string }>>(["flavor", "list"], admin);
    expect(list.map((f) => f.Name)).toEqual(
      expect.arrayContaining(["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge", names.flavor]),
    );
  });

  it("keypair create --public-key", async () => {
    const pub = join(work, "id.pub");
    writeFileSync(pub, `${sshPublicKey()}\n`);
    const kp = await openstackJson<Record<string, unknown>>(
      ["keypair", "create", "--public-key", pub, names.keypair],
      admin,
    );
    expect(kp.name).toBe(names.keypair);
    expect(String(kp.fingerprint)).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });
});

describe("openstack CLI: servers", () => {
  it("server create --wait reaches ACTIVE on the agent's host", async () => {
    const server = await openstackJson<Record<string, unknown>>(
      [
        "server",
        "create",
        "--image",
        names.image,
        "--flavor",
        "m1.tiny",
        "--key-name",
        names.keypair,
        "--wait",
        names.server,
      ],
      admin,
    );
    expect(server.status).toBe("ACTIVE");
    const list = await openstackJson<Array<{ Name: string; Status: string }>>(["server", "list"], admin);
    expect(list).toContainEqual(expect.objectContaining({ Name: names.server, Status: "ACTIVE" }));
    expect(await serverField(names.server, "OS-EXT-SRV-ATTR:host")).toBe(HOST);
  });

  it("server reboot --wait, stop, start", async () => {
    await openstackOk(["server", "reboot", "--wait", names.server], admin);
    expect(await serverField(names.server, "status")).toBe("ACTIVE");
    await openstackOk(["server", "stop", names.server], admin);
    await waitForServer(names.server, "status", "SHUTOFF");
    await openstackOk(["server", "start", names.server], admin);
    await waitForServer(names.server, "status", "ACTIVE");
  });

  it("console log show", async () => {
    const out = await openstackOk(["console", "log", "show", names.server], admin);
    expect(out.length).toBeGreaterThan(0);
  });

  it("server image create --wait makes an active image", async () => {
    await openstackOk(["server", "image", "create", "--name", names.snapshot, "--wait", names.server], admin);
    const snap = await openstackJson<Record<string, unknown>>(["image", "show", names.snapshot], admin);
    expect(snap.status).toBe("active");
  });

  it("server resize --flavor, then resize confirm", async () => {
    await openstackOk(["server", "resize", "--flavor", "m1.small", "--wait", names.server], admin);
    await waitForServer(names.server, "status", "VERIFY_RESIZE");
    await openstackOk(["server", "resize", "confirm", names.server], admin);
    await waitForServer(names.server, "status", "ACTIVE");
    expect(JSON.stringify(await serverField(names.server, "flavor"))).toContain("m1.small");
  });

  it("quota show and set, limits show --absolute, usage show", async () => {
    await openstackOk(["quota", "set", "--cores", "30", "admin"], admin);
    const quota = await openstackJson<Record<string, unknown>>(["quota", "show", "admin"], admin);
    expect(quota.cores).toBe(30);
    const limits = await openstackJson<Array<{ Name: string; Value: number }>>(
      ["limits", "show", "--absolute"],
      admin,
    );
    expect(limits).toContainEqual({ Name: "maxTotalCores", Value: 30 });
    expect(limits).toContainEqual({ Name: "totalInstancesUsed", Value: 1 });
    // With -f json, "Servers" is the raw `server_usages` list (the table shows its length).
    const usage = await openstackJson<Record<string, unknown>>(["usage", "show"], admin);
    const servers = usage.Servers;
    expect(Array.isArray(servers) ? servers.length : 0, JSON.stringify(usage)).toBeGreaterThanOrEqual(1);
    expect(Number(usage["CPU Hours"])).toBeGreaterThan(0);
  });

  it("hypervisor list and show", async () => {
    const hypervisors = await openstackJson<Array<Record<string, unknown>>>(["hypervisor", "list"], admin);
    const mine = hypervisors.find((h) => String(h["Hypervisor Hostname"]).length > 0 && h.State === "up");
    expect(mine).toBeDefined();
    const shown = await openstackJson<Record<string, unknown>>(
      ["hypervisor", "show", String(mine?.["Hypervisor Hostname"])],
      admin,
    );
    expect(shown.vcpus).toBeGreaterThan(0);
  });

  it("compute service set --disable, then enable", async () => {
    await openstackOk(
      ["compute", "service", "set", "--disable", "--disable-reason", "maintenance", HOST, "nova-compute"],
      admin,
    );
    let services = await openstackJson<Array<{ Host: string; Status: string }>>(
      ["compute", "service", "list"],
      admin,
    );
    expect(services).toContainEqual(expect.objectContaining({ Host: HOST, Status: "disabled" }));
    await openstackOk(["compute", "service", "set", "--enable", HOST, "nova-compute"], admin);
    services = await openstackJson<Array<{ Host: string; Status: string }>>(
      ["compute", "service", "list"],
      admin,
    );
    expect(services).toContainEqual(expect.objectContaining({ Host: HOST, Status: "enabled" }));
  });

  it("server delete --wait, then flavor and image delete", async () => {
    await openstackOk(["server", "delete", "--wait", names.server], admin);
    const gone = await openstack(["server", "show", names.server], admin);
    expect(gone.code).not.toBe(0);
    await openstackOk(["flavor", "delete", names.flavor], admin);
    await openstackOk(["image", "delete", names.snapshot, names.image], admin);
    const images = await openstackJson<Array<{ Name: string }>>(["image", "list"], admin);
    expect(images.map((i) => i.Name)).not.toContain(names.image);
  });
});
