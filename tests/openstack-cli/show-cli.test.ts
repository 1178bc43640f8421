import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "shell-quote";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appCredentialCloudsYaml,
  appCredentialRc,
  cloudNameOf,
} from "../../apps/web/src/lib/openstack-cli/credential-files.ts";
import {
  type CliScript,
  compute,
  flavor,
  identity,
  image,
  keypair,
  network,
  PLACEHOLDER,
  renderLine,
  volume,
} from "../../apps/web/src/lib/openstack-cli/index.ts";
import { startComputeAgent } from "./agent-process.ts";
import { type CliResult, openstack, openstackJson, osEnv, projectEnv } from "./cli.ts";
import { type CliCloud, type Control, startCliCloud } from "./cloud.ts";
import { startVolumeAgent } from "./volume-agent-process.ts";

// "Show the CLI": the commands the portal's dialogs show, built by the same
// builders from form values, are run with Debian's real `openstack` (Zed)
// against the real control plane (fake compute and volume agents). Each
// command is rendered as the portal shows it, parsed back into argv with
// shell-quote (as a POSIX shell would split it; no shell runs), the
// placeholders for secrets and files are replaced by the test's own, and
// then the effect is checked through the API. The suite runs in order.
const ADMIN_PASSWORD = "cli-show-admin-pw";
const DEMO_PASSWORD = "cli-show-demo-pw";
const suffix = randomBytes(3).toString("hex");
const HOST = `cli-showhost-${suffix}`;
const n = (what: string) => `show-${what}-${suffix}`;

type Row = Record<string, unknown>;

let cloud: CliCloud;
let control: Control;
let computeAgent: ReturnType<typeof startComputeAgent>;
let volumeAgent: ReturnType<typeof startVolumeAgent>;
let admin: NodeJS.ProcessEnv;
let demo: NodeJS.ProcessEnv;
let work: string;
/** What the placeholders stand for in this run: the test's files and secrets. */
const fill: Record<string, string> = {};
const ids: Record<string, string> = {};

/** The argv a POSIX shell would pass for one rendered line; anything but plain words fails the test. */
function argvOf(line: string): string[] {
  return parse(line).map((token) => {
    if (typeof token !== "string")
      throw new Error(`"${line}" is not a plain command: ${JSON.stringify(token)}`);
    return token;
  });
}

/**
 * Runs every command of a script as the portal shows it, in order, and
 * returns their results; stops at the first failure. Comment lines are
 * skipped (they are for the reader).
 */
async function runScript(
  script: CliScript,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const line of script) {
    if (line.kind === "comment") continue;
    const [program, ...args] = argvOf(renderLine(line)).map((a) => fill[a] ?? a);
    expect(program).toBe("openstack");
    const res = await openstack([...args, ...extra], env);
    if (res.code !== 0)
      throw new Error(`${renderLine(line)} failed (${res.code}): ${res.stderr || res.stdout}`);
    results.push(res);
  }
  return results;
}

/** Runs a one-command script with `-f json` and returns what it printed. */
async function runJson<T = Row>(script: CliScript, env: NodeJS.ProcessEnv): Promise<T> {
  const commands = script.filter((l) => l.kind === "command");
  expect(commands).toHaveLength(1);
  const [res] = await runScript(commands, env, ["-f", "json"]);
  return JSON.parse(res?.stdout ?? "null") as T;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const vmStateIs = (id: string, state: string) =>
  until(`server ${id} ${state}`, async () => {
    const row = await control.db.prisma.instance.findUnique({ where: { id } });
    if (row?.vmState === "error") throw new Error(`server ${id} went ERROR`);
    return row?.vmState === state && row.taskState === null;
  });

const volumeStatusIs = (id: string, status: string) =>
  until(`volume ${id} ${status}`, async () => {
    const row = await control.db.prisma.volume.findUnique({ where: { id } });
    if (row?.status.startsWith("error")) throw new Error(`volume ${id} went ${row.status}`);
    return row?.status === status;
  });

/** An OpenSSH public key line, built from an Ed25519 key (wire format: string type, string key). */
function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} cli@zenith`;
}

beforeAll(async () => {
  cloud = await startCliCloud("show", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    // No network agent: builds do not wait for their ports to be wired.
    vifPlugTimeoutS: 0,
  });
  ({ control, work } = cloud);
  const agents = cloud.agent(HOST);
  computeAgent = startComputeAgent(agents);
  volumeAgent = startVolumeAgent({ ...agents, driver: "fake" });
  admin = cloud.admin;
  demo = cloud.demo;

  // The placeholders' stand-ins: files the user would have, and the secrets they would type.
  const userData = join(work, "user-data.yaml");
  writeFileSync(userData, "#cloud-config\nruncmd: [echo hi]\n");
  const publicKey = join(work, "key.pub");
  writeFileSync(publicKey, `${sshPublicKey()}\n`);
  const disk = join(work, "disk.raw");
  writeFileSync(disk, Buffer.alloc(1024 * 1024, 7));
  Object.assign(fill, {
    [PLACEHOLDER.userDataFile]: userData,
    [PLACEHOLDER.publicKeyFile]: publicKey,
    [PLACEHOLDER.imageFile]: disk,
  });
  fill[PLACEHOLDER.password] = "first P@ss w0rd $x";

  const prisma = control.db.prisma;
  await until(
    `compute and volume host ${HOST} registered`,
    async () =>
      (await prisma.computeHost.count({ where: { host: HOST } })) === 1 &&
      (await prisma.volumeHost.count({ where: { host: HOST } })) === 1,
    60_000,
  );
  for (const [key, what, env] of [
    ["image", ["image", "show", "zenith-starter"], demo],
    ["flavor", ["flavor", "show", "m1.tiny"], demo],
    ["private", ["network", "show", "private"], demo],
    ["public", ["network", "show", "public"], demo],
    ["demoProject", ["project", "show", "demo"], admin],
    ["member", ["role", "show", "member"], admin],
  ] as const) {
    ids[key] = String((await openstackJson<Row>([...what], env)).id);
  }
  const groups = await openstackJson<Row[]>(
    ["security", "group", "list", "--project", ids.demoProject ?? ""],
    demo,
  );
  ids.defaultGroup = String(groups.find((g) => g.Name === "default")?.ID);
});

afterAll(async () => {
  await volumeAgent?.stop();
  await computeAgent?.stop();
  await cloud?.close();
});

describe("identity dialogs", () => {
  it("Create project: a description with quotes, $ and unicode arrives as typed", async () => {
    const description = `Zenith's "show the CLI" $HOME \`id\` — 云`;
    const script = identity.projectCreate({ name: n("proj"), description, enabled: true });
    await runScript(script, admin);
    const project = await openstackJson<Row>(["project", "show", n("proj")], admin);
    expect(project).toMatchObject({ name: n("proj"), description, enabled: true });
    ids.proj = String(project.id);
  });

  it("Edit project: --disable, a new description; an emptied one is said to be out of the CLI's reach", async () => {
    const project = () => openstackJson<Row>(["project", "show", ids.proj ?? ""], admin);
    const before = await project();
    const emptied = identity.projectSet({
      projectId: ids.proj ?? "",
      name: n("proj"),
      description: "",
      enabled: false,
    });
    // OSC drops `--description ''` (it tests the value's truth): the script says so instead of pretending.
    expect(emptied[0]).toMatchObject({ kind: "comment" });
    await runScript(emptied, admin);
    expect(await project()).toMatchObject({ description: before.description, enabled: false });
    await runScript(
      identity.projectSet({ projectId: ids.proj ?? "", name: n("proj"), description: "back", enabled: true }),
      admin,
    );
    expect(await project()).toMatchObject({ description: "back", enabled: true });
  });

  it("Create user: the password placeholder, the project and the role grant", async () => {
    const script = identity.userCreate({
      name: n("alice"),
      email: "alice@example.org",
      description: "made from the CLI the portal showed",
      hasPassword: true,
      projectId: ids.proj,
      roleId: ids.member,
      enabled: true,
    });
    // The secret itself is never in what the portal shows.
    expect(script.map(renderLine).join("\n")).toContain("--password '<password>'");
    await runScript(script, admin);
    const user = await openstackJson<Row>(["user", "show", n("alice")], admin);
    expect(user).toMatchObject({ email: "alice@example.org", default_project_id: ids.proj, enabled: true });
    ids.alice = String(user.id);
    const roles = await openstackJson<Row[]>(
      ["role", "assignment", "list", "--user", ids.alice, "--project", ids.proj ?? ""],
      admin,
    );
    expect(roles.map((r) => r.Role)).toEqual([ids.member]);
    const token = await openstackJson<Row>(
      ["token", "issue"],
      projectEnv(control.url, n("alice"), fill[PLACEHOLDER.password] ?? "", n("proj")),
    );
    expect(token.user_id).toBe(ids.alice);
  });

  it("Set password: the new password works, the old one no longer does", async () => {
    const old = fill[PLACEHOLDER.password] ?? "";
    const next = "second 'pass' ü";
    fill[PLACEHOLDER.password] = next;
    await runScript(identity.userSetPassword(ids.alice ?? ""), admin);
    const ok = await openstack(["token", "issue"], projectEnv(control.url, n("alice"), next, n("proj")));
    expect(ok.code).toBe(0);
    const refused = await openstack(["token", "issue"], projectEnv(control.url, n("alice"), old, n("proj")));
    expect(refused.code).not.toBe(0);
  });

  it("Create role, Create group and Add member", async () => {
    await runScript(identity.roleCreate({ name: n("role"), description: "auditors" }), admin);
    expect(await openstackJson<Row>(["role", "show", n("role")], admin)).toMatchObject({ name: n("role") });
    await runScript(identity.groupCreate({ name: n("group"), description: "ops team" }), admin);
    const group = await openstackJson<Row>(["group", "show", n("group")], admin);
    expect(group).toMatchObject({ description: "ops team" });
    await runScript(identity.groupAddUser({ groupId: String(group.id), userId: ids.alice ?? "" }), admin);
    const contains = await openstack(["group", "contains", "user", String(group.id), ids.alice ?? ""], admin);
    expect(contains.stdout).toContain(`${ids.alice} in group`);
  });
});

describe("compute dialogs", () => {
  it("Create flavor (private, with access for demo)", async () => {
    await runScript(
      flavor.flavorCreate({
        name: n("flavor"),
        vcpus: "1",
        ram: "256",
        disk: "1",
        ephemeral: "0",
        swap: "0",
        isPublic: false,
        projectIds: [ids.demoProject ?? ""],
      }),
      admin,
    );
    const shown = await openstackJson<Row>(["flavor", "show", n("flavor")], admin);
    expect(shown).toMatchObject({ vcpus: 1, ram: 256, disk: 1, "os-flavor-access:is_public": false });
    const access = await openstackJson<Row[]>(["flavor", "list", "--private"], demo);
    expect(access.map((f) => f.Name)).toContain(n("flavor"));
  });

  it("Import key pair and Create key pair (the private key goes to the named file)", async () => {
    await runScript(keypair.keypairImport({ name: n("imported"), hasPublicKey: true }), demo);
    const imported = await openstackJson<Row>(["keypair", "show", n("imported")], demo);
    expect(imported.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const pem = join(work, `${n("made")}.pem`);
    await runScript(keypair.keypairCreate({ name: n("made"), privateKeyFile: pem }), demo);
    expect(readFileSync(pem, "utf8")).toContain("PRIVATE KEY");
  });

  it("Launch instance: image, flavor, network, security group by ID, key, user data, property", async () => {
    const script = compute.serverCreate({
      name: n("vm"),
      imageId: ids.image ?? "",
      flavorId: ids.flavor ?? "",
      nics: [{ kind: "network", id: ids.private ?? "" }],
      securityGroupIds: [ids.defaultGroup ?? ""],
      keyName: n("imported"),
      hasUserData: true,
      metadata: { role: "web server" },
      count: "1",
    });
    const created = await runJson(script, demo);
    ids.vm = String(created.id);
    await vmStateIs(ids.vm, "active");
    const shown = await openstackJson<Row>(["server", "show", ids.vm], demo);
    expect(shown).toMatchObject({
      status: "ACTIVE",
      key_name: n("imported"),
      properties: { role: "web server" },
    });
    expect(JSON.stringify(shown.image)).toContain(ids.image ?? "");
    expect(JSON.stringify(shown.addresses)).toMatch(/private/);
  });

  it("Stop, Start and Hard reboot", async () => {
    await runScript(compute.serverAction("stop", [ids.vm ?? ""]), demo);
    await vmStateIs(ids.vm ?? "", "stopped");
    expect((await openstackJson<Row>(["server", "show", ids.vm ?? ""], demo)).status).toBe("SHUTOFF");
    await runScript(compute.serverAction("start", [ids.vm ?? ""]), demo);
    await vmStateIs(ids.vm ?? "", "active");
    await runScript(compute.serverAction("hardReboot", [ids.vm ?? ""]), demo);
    await vmStateIs(ids.vm ?? "", "active");
    const actions = await openstackJson<Row[]>(["server", "event", "list", ids.vm ?? ""], demo);
    expect(actions.map((a) => a.Action)).toEqual(expect.arrayContaining(["stop", "start", "reboot"]));
  });
  it("Create snapshot, Resize then Confirm resize, Rebuild with a new name", async () => {
    const vm = ids.vm ?? "";
    const status = async () => String((await openstackJson<Row>(["server", "show", vm], demo)).status);
    await runScript(compute.serverSnapshot({ serverId: vm, name: n("vmsnap") }), demo);
    await until(
      "snapshot image active",
      async () => {
        const images = await openstackJson<Row[]>(["image", "list", "--name", n("vmsnap")], demo);
        return images[0]?.Status === "active";
      },
      60_000,
    );

    const small = await openstackJson<Row>(["flavor", "show", "m1.small"], demo);
    await runScript(compute.serverResize({ serverId: vm, flavorId: String(small.id) }), demo);
    await until("VERIFY_RESIZE", async () => (await status()) === "VERIFY_RESIZE", 60_000);
    await runScript(compute.serverAction("confirmResize", [vm]), demo);
    await until("ACTIVE after the resize", async () => (await status()) === "ACTIVE", 60_000);
    expect(JSON.stringify((await openstackJson<Row>(["server", "show", vm], demo)).flavor)).toContain(
      "m1.small",
    );

    await runScript(compute.serverRebuild({ serverId: vm, imageId: ids.image ?? "", name: n("vm2") }), demo);
    await until("ACTIVE after the rebuild", async () => (await status()) === "ACTIVE", 60_000);
    await vmStateIs(vm, "active");
    expect(await openstackJson<Row>(["server", "show", vm], demo)).toMatchObject({ name: n("vm2") });
  });

  it("Launch without a network: compute API 2.37 and --nic none; then Delete", async () => {
    const script = compute.serverCreate({
      name: n("bare"),
      imageId: ids.image ?? "",
      flavorId: ids.flavor ?? "",
      withoutNetwork: true,
      securityGroupIds: [ids.defaultGroup ?? ""],
    });
    const created = await runJson(script, demo);
    await vmStateIs(String(created.id), "active");
    expect((await openstackJson<Row>(["server", "show", String(created.id)], demo)).addresses).toEqual({});
    await runScript(compute.serverAction("delete", [String(created.id)]), demo);
    await until("deleted", async () => {
      const row = await control.db.prisma.instance.findUnique({ where: { id: String(created.id) } });
      return row === null || row.vmState === "deleted";
    });
  });
});

describe("image dialogs", () => {
  it("Upload image: --file, formats, visibility, min disk", async () => {
    const script = image.imageCreate({
      name: n("img"),
      diskFormat: "raw",
      containerFormat: "bare",
      visibility: "private",
      minDisk: "1",
      minRam: "0",
    });
    expect(script.map(renderLine).join("\n")).toContain("--file '<path-to-image-file>'");
    const created = await runJson(script, demo);
    ids.img = String(created.id);
    await until(
      "image active",
      async () => (await openstackJson<Row>(["image", "show", ids.img ?? ""], demo)).status === "active",
    );
    expect(await openstackJson<Row>(["image", "show", ids.img ?? ""], demo)).toMatchObject({
      disk_format: "raw",
      container_format: "bare",
      visibility: "private",
      min_disk: 1,
      size: 1024 * 1024,
    });
  });

  it("Edit image: name, protected, min RAM", async () => {
    await runScript(
      image.imageSet({
        imageId: ids.img ?? "",
        name: n("img2"),
        visibility: "private",
        protectedImage: true,
        minDisk: "1",
        minRam: "64",
      }),
      demo,
    );
    expect(await openstackJson<Row>(["image", "show", ids.img ?? ""], demo)).toMatchObject({
      name: n("img2"),
      protected: true,
      min_ram: 64,
    });
  });
});

describe("network dialogs", () => {
  it("Create network with its first subnet: pools, DNS, gateway, routes", async () => {
    const subnet = network.subnetFromForm(
      {
        "subnet.name": n("sub"),
        "subnet.cidr": "10.77.0.0/24",
        "subnet.gatewayIp": "10.77.0.1",
        "subnet.enableDhcp": "on",
        "subnet.dnsNameservers": "1.1.1.1, 9.9.9.9",
        "subnet.allocationPools": "10.77.0.10-10.77.0.50",
        "subnet.hostRoutes": "192.168.50.0/24,10.77.0.5",
      },
      "subnet.",
    );
    await runScript(
      network.networkCreate({ name: n("net"), description: "app tier", adminStateUp: true, subnet }),
      demo,
    );
    const net = await openstackJson<Row>(["network", "show", n("net")], demo);
    expect(net).toMatchObject({ description: "app tier", admin_state_up: true });
    ids.net = String(net.id);
    const sub = await openstackJson<Row>(["subnet", "show", n("sub")], demo);
    expect(sub).toMatchObject({
      network_id: ids.net,
      cidr: "10.77.0.0/24",
      gateway_ip: "10.77.0.1",
      enable_dhcp: true,
      dns_nameservers: ["1.1.1.1", "9.9.9.9"],
      allocation_pools: [{ start: "10.77.0.10", end: "10.77.0.50" }],
      host_routes: [{ destination: "192.168.50.0/24", nexthop: "10.77.0.5" }],
    });
    ids.sub = String(sub.id);
  });

  it("Create router with an external gateway, then Add interface", async () => {
    await runScript(
      network.routerCreate({ name: n("router"), externalNetworkId: ids.public, adminStateUp: true }),
      demo,
    );
    const router = await openstackJson<Row>(["router", "show", n("router")], demo);
    expect(JSON.stringify(router.external_gateway_info)).toContain(ids.public ?? "");
    ids.router = String(router.id);
    await runScript(network.routerAddSubnet({ routerId: ids.router, subnetId: ids.sub ?? "" }), demo);
    const withPort = await openstackJson<{ interfaces_info: { subnet_id: string; ip_address: string }[] }>(
      ["router", "show", ids.router],
      demo,
    );
    expect(withPort.interfaces_info).toEqual([
      expect.objectContaining({ subnet_id: ids.sub, ip_address: "10.77.0.1" }),
    ]);
  });

  it("Create security group and Add rule (a template's two rules; a custom range from a group)", async () => {
    await runScript(network.securityGroupCreate({ name: n("sg"), description: "DNS and app" }), demo);
    const sg = await openstackJson<Row>(["security", "group", "show", n("sg")], demo);
    ids.sg = String(sg.id);
    await runScript(
      network.securityGroupRuleCreate({
        groupId: ids.sg,
        ethertype: "IPv4",
        remote: { kind: "cidr", cidr: "10.0.0.0/8" },
        rules: [
          { direction: "ingress", protocol: "udp", portRangeMin: 53, portRangeMax: 53 },
          { direction: "ingress", protocol: "tcp", portRangeMin: 53, portRangeMax: 53 },
        ],
        description: "DNS from the LAN",
      }),
      demo,
    );
    await runScript(
      network.securityGroupRuleCreate({
        groupId: ids.sg,
        ethertype: "IPv4",
        remote: { kind: "group", groupId: ids.defaultGroup ?? "" },
        rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: "8000", portRangeMax: "8080" }],
      }),
      demo,
    );
    const rules = await openstackJson<Row[]>(["security", "group", "rule", "list", ids.sg], demo);
    const ranges = rules
      .filter((r) => r.Direction === "ingress")
      .map((r) => `${r["IP Protocol"]} ${r["Port Range"]}`);
    expect(ranges.sort()).toEqual(["tcp 53:53", "tcp 8000:8080", "udp 53:53"]);
    const fromGroup = rules.find((r) => r["Port Range"] === "8000:8080");
    expect(fromGroup?.["Remote Security Group"]).toBe(ids.defaultGroup);
  });

  it("Edit security groups of the instance: the new group is added", async () => {
    const vm = ids.vm ?? "";
    await runScript(
      compute.serverSetSecurityGroups({
        serverId: vm,
        current: [ids.defaultGroup ?? ""],
        chosen: [ids.defaultGroup ?? "", ids.sg ?? ""],
      }),
      demo,
    );
    const groups = (await openstackJson<Row>(["server", "show", vm], demo)).security_groups;
    expect(JSON.stringify(groups)).toContain(n("sg"));
  });

  it("Allocate floating IP, then Associate it with the instance's port", async () => {
    const created = await runJson(
      network.floatingIpCreate({ externalNetworkId: ids.public ?? "", description: "for the web" }),
      demo,
    );
    expect(created).toMatchObject({ description: "for the web", floating_network_id: ids.public });
    const ports = await openstackJson<Row[]>(["port", "list", "--server", ids.vm ?? ""], demo);
    const portId = String(ports[0]?.ID);
    await runScript(network.floatingIpAssociate({ floatingIpId: String(created.id), portId }), demo);
    expect(await openstackJson<Row>(["floating", "ip", "show", String(created.id)], demo)).toMatchObject({
      port_id: portId,
    });
  });
});

describe("volume dialogs", () => {
  it("Create volume, Extend, Create snapshot, Create volume from the snapshot", async () => {
    const created = await runJson(
      volume.volumeCreate({ name: n("vol"), size: "1", description: 'data for "vm"' }),
      demo,
    );
    ids.vol = String(created.id);
    await volumeStatusIs(ids.vol, "available");
    await runScript(volume.volumeExtend({ volumeId: ids.vol, newSize: "2" }), demo);
    await until("extended", async () => {
      const row = await control.db.prisma.volume.findUnique({ where: { id: ids.vol ?? "" } });
      return row?.sizeGb === 2 && row.status === "available";
    });
    const snap = await runJson(
      volume.volumeSnapshotCreate({ volumeId: ids.vol, name: n("snap"), description: "before" }),
      demo,
    );
    await until(
      "snapshot available",
      async () =>
        (await control.db.prisma.volumeSnapshot.findUnique({ where: { id: String(snap.id) } }))?.status ===
        "available",
    );
    const fromSnap = await runJson(
      volume.volumeCreate({
        name: n("fromsnap"),
        size: "2",
        source: { kind: "snapshot", id: String(snap.id) },
      }),
      demo,
    );
    await volumeStatusIs(String(fromSnap.id), "available");
    expect(await openstackJson<Row>(["volume", "show", String(fromSnap.id)], demo)).toMatchObject({
      snapshot_id: snap.id,
      size: 2,
    });
  });

  it("Attach volume to the instance", async () => {
    await runScript(volume.serverAddVolume({ serverId: ids.vm ?? "", volumeId: ids.vol ?? "" }), demo);
    await volumeStatusIs(ids.vol ?? "", "in-use");
    const shown = await openstackJson<Row>(["volume", "show", ids.vol ?? ""], demo);
    expect(JSON.stringify(shown.attachments)).toContain(ids.vm ?? "");
  });

  it("Transfer volume: the request is listed", async () => {
    const spare = await runJson(volume.volumeCreate({ name: n("spare"), size: "1" }), demo);
    await volumeStatusIs(String(spare.id), "available");
    await runScript(volume.volumeTransferCreate({ volumeId: String(spare.id), name: n("transfer") }), demo);
    const transfers = await openstackJson<Row[]>(["volume", "transfer", "request", "list"], demo);
    expect(transfers).toContainEqual(expect.objectContaining({ Name: n("transfer"), Volume: spare.id }));
  });

  it("Upload volume to image: the image appears", async () => {
    const source = await runJson(volume.volumeCreate({ name: n("toimg"), size: "1" }), demo);
    await volumeStatusIs(String(source.id), "available");
    await runScript(
      volume.volumeUploadToImage({ volumeId: String(source.id), imageName: n("volimg"), diskFormat: "raw" }),
      demo,
    );
    await until(
      "image from the volume",
      async () => {
        const images = await openstackJson<Row[]>(["image", "list", "--name", n("volimg")], demo);
        return images.length === 1;
      },
      60_000,
    );
  });
});

describe("application credential and its files", () => {
  it("Create application credential, then its clouds.yaml and RC file log in", async () => {
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await runJson(
      identity.appCredentialCreate({ name: n("appcred"), description: "CI", expiresAt: expires }),
      demo,
    );
    expect(String(created.expires_at)).toContain(`${expires}T23:59:59`);
    const cloud = {
      name: n("appcred"),
      id: String(created.id),
      secret: String(created.secret),
      // What identity.apiAccess.catalog gives the portal (checked in apps/bff's identity test).
      authUrl: `${control.url}/identity/v3`,
      region: "RegionOne",
      interface: "public",
    };
    const dir = join(work, "appcred");
    mkdirSync(dir);
    const yamlPath = join(dir, "clouds.yaml");
    writeFileSync(yamlPath, appCredentialCloudsYaml(cloud));
    const rcPath = join(dir, "openrc.sh");
    writeFileSync(rcPath, appCredentialRc(cloud));
    expect(existsSync(rcPath)).toBe(true);

    // clouds.yaml: nothing from the environment but the file's location.
    const servers = await openstack(
      ["--os-cloud", cloudNameOf(cloud.name), "server", "list", "-f", "json"],
      osEnv({ OS_CLIENT_CONFIG_FILE: yamlPath }),
    );
    expect(servers.code, servers.stderr).toBe(0);
    expect((JSON.parse(servers.stdout) as Row[]).map((s) => s.ID)).toContain(ids.vm);

    // The RC file: its exports, read as `source` would set them (a POSIX parser, no shell).
    const rcEnv: Record<string, string> = {};
    for (const line of readFileSync(rcPath, "utf8").split("\n")) {
      if (!line.startsWith("export ")) continue;
      const [word] = argvOf(line.slice("export ".length));
      const eq = word?.indexOf("=") ?? -1;
      if (!word || eq < 1) throw new Error(`not an assignment: ${line}`);
      rcEnv[word.slice(0, eq)] = word.slice(eq + 1);
    }
    expect(rcEnv).toMatchObject({
      OS_AUTH_TYPE: "v3applicationcredential",
      OS_APPLICATION_CREDENTIAL_ID: cloud.id,
    });
    const env = osEnv({});
    for (const key of Object.keys(env)) if (key.startsWith("OS_")) delete env[key];
    const token = await openstackJson<Row>(["token", "issue"], { ...env, ...rcEnv });
    expect(token).toMatchObject({ project_id: ids.demoProject });
  });
});
