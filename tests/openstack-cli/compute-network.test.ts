import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startComputeAgent } from "./agent-process.ts";
import { openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, type Control, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed) booting servers on networks:
// `server create --network` / `--nic port-id=`, `server add/remove port`,
// `server add/remove security group`, against the real control plane with
// DevStack's first-start networking and a real compute agent process (fake
// driver). No network agent runs here, so builds do not wait for wiring
// (vif plug timeout 0); the wait itself is proven in apps/control's
// compute-network suites.
const suffix = randomBytes(3).toString("hex");
const HOST = `cli-net-host-${suffix}`;
const names = { vm: `cli-net-vm-${suffix}`, vm2: `cli-nic-vm-${suffix}`, port: `cli-port-${suffix}` };

let cloud: CliCloud;
let control: Control;
let agent: ReturnType<typeof startComputeAgent>;
let demo: NodeJS.ProcessEnv;

type Row = Record<string, unknown>;

beforeAll(async () => {
  cloud = await startCliCloud("net", {
    adminPassword: "cli-net-admin-pw",
    demoPassword: "cli-net-demo-pw",
    vifPlugTimeoutS: 0,
  });
  ({ control } = cloud);
  agent = startComputeAgent(cloud.agent(HOST));
  demo = cloud.demo;
  const deadline = Date.now() + 60_000;
  while ((await control.db.prisma.computeHost.count({ where: { host: HOST } })) === 0) {
    if (Date.now() > deadline) throw new Error(`compute host ${HOST} never registered`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

afterAll(async () => {
  await agent?.stop();
  await cloud?.close();
});

const serverShow = (name: string) => openstackJson<Row>(["server", "show", name], demo);
/** `addresses` as OSC prints it (a mapping or a "net=addr" string, by version): its text. */
const addressesOf = async (name: string) => JSON.stringify((await serverShow(name)).addresses);

describe("openstack CLI: servers on networks", () => {
  it("server create --network boots on demo's private network", async () => {
    await openstackOk(
      [
        "server",
        "create",
        "--image",
        "zenith-starter",
        "--flavor",
        "m1.tiny",
        "--network",
        "private",
        "--wait",
        names.vm,
      ],
      demo,
    );
    const shown = await serverShow(names.vm);
    expect(shown.status).toBe("ACTIVE");
    expect(await addressesOf(names.vm)).toMatch(/private.*10\.0\.0\.\d+/);
    expect(JSON.stringify(shown.security_groups)).toContain("default");
  });

  it("server create --nic port-id= boots on the user's port, and the delete keeps the port", async () => {
    const port = await openstackJson<Row>(["port", "create", "--network", "private", names.port], demo);
    const ip = (port.fixed_ips as Array<{ ip_address: string }> | string).toString();
    await openstackOk(
      [
        "server",
        "create",
        "--image",
        "zenith-starter",
        "--flavor",
        "m1.tiny",
        "--nic",
        `port-id=${String(port.id)}`,
        "--wait",
        names.vm2,
      ],
      demo,
    );
    const addr = /10\.0\.0\.\d+/.exec(JSON.stringify(port.fixed_ips) + ip)?.[0];
    expect(addr).toBeDefined();
    expect(await addressesOf(names.vm2)).toContain(addr);
    const bound = await openstackJson<Row>(["port", "show", String(port.id)], demo);
    expect(bound.device_owner).toBe("compute:nova");
    await openstackOk(["server", "delete", "--wait", names.vm2], demo);
    const kept = await openstackJson<Row>(["port", "show", String(port.id)], demo);
    expect(kept.device_id).toBe("");
  });

  it("server add port / remove port, add / remove security group", async () => {
    const extra = await openstackJson<Row>(
      ["port", "create", "--network", "private", `${names.port}-2`],
      demo,
    );
    await openstackOk(["server", "add", "port", names.vm, String(extra.id)], demo);
    const interfaces = await openstackJson<Array<Row>>(["port", "list", "--server", names.vm], demo);
    expect(interfaces.map((p) => p.ID)).toContain(extra.id);
    await openstackOk(["server", "remove", "port", names.vm, String(extra.id)], demo);
    const after = await openstackJson<Array<Row>>(["port", "list", "--server", names.vm], demo);
    expect(after.map((p) => p.ID)).not.toContain(extra.id);

    const group = `cli-web-${suffix}`;
    await openstackOk(["security", "group", "create", group], demo);
    await openstackOk(["server", "add", "security", "group", names.vm, group], demo);
    expect(JSON.stringify((await serverShow(names.vm)).security_groups)).toContain(group);
    await openstackOk(["server", "remove", "security", "group", names.vm, group], demo);
    expect(JSON.stringify((await serverShow(names.vm)).security_groups)).not.toContain(group);
  });

  it("server delete removes the port Nova made", async () => {
    const id = String((await serverShow(names.vm)).id);
    await openstackOk(["server", "delete", "--wait", names.vm], demo);
    const left = await openstackJson<Array<Row>>(["port", "list", "--device-id", id], demo);
    expect(left).toEqual([]);
  });
});
