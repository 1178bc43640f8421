import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startComputeAgent } from "./agent-process.ts";
import { openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";
import { qemuAvailable, tinyImageDir } from "./tiny-image.ts";

// The real CLI against the control plane and a compute agent on the qemu
// driver: a real zenith-tiny guest, its console log and its console URLs.
const ADMIN_PASSWORD = "cli-qemu-admin-pw";
const suffix = randomBytes(3).toString("hex");
const SERVER = `cli-tiny-${suffix}`;
const HOST = `cli-qemu-${suffix}`;

let cloud: CliCloud;
let agent: ReturnType<typeof startComputeAgent>;
let admin: NodeJS.ProcessEnv;

function guestProcesses(uuid: string): number {
  try {
    return execFileSync("pgrep", ["-f", `qemu-system.*${uuid}`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** Connects, sends `send` once open, resolves with what arrived once `until` matches it. */
function converse(url: string, send: string, until: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let seen = "";
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no ${until} from ${url}; got ${JSON.stringify(seen.slice(-300))}`));
    }, timeoutMs);
    const poke = setInterval(() => ws.readyState === WebSocket.OPEN && send && ws.send(send), 2000);
    ws.once("open", () => send && ws.send(send));
    ws.on("message", (data) => {
      seen += Buffer.from(data as Buffer).toString("latin1");
      if (until.test(seen)) {
        clearTimeout(timer);
        clearInterval(poke);
        ws.close();
        resolve(seen);
      }
    });
    ws.once("error", (err) => {
      clearTimeout(timer);
      clearInterval(poke);
      reject(err);
    });
  });
}

describe.runIf(qemuAvailable())(
  "openstack CLI on a QEMU host: zenith-tiny and its consoles (skipped where qemu-system-x86_64 or qemu-img is not installed; never in CI: ZENITH_REQUIRE_QEMU=1 fails instead)",
  () => {
    let serverId = "";

    beforeAll(async () => {
      cloud = await startCliCloud("qemu", {
        adminPassword: ADMIN_PASSWORD,
        demoPassword: "cli-qemu-demo-pw",
        // No network agent runs in this suite: a cloud without networks, whose servers boot with none.
        defaultNetworking: false,
        tinyImageDir: tinyImageDir(),
      });
      agent = startComputeAgent({ ...cloud.agent(HOST), driver: "qemu" });
      admin = cloud.admin;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const hypervisors = await openstackJson<Array<Record<string, unknown>>>(
          ["hypervisor", "list", "--long"],
          admin,
        );
        if (hypervisors.some((h) => h["Hypervisor Hostname"] === HOST && h.State === "up")) break;
        if (Date.now() > deadline) throw new Error(`QEMU host never came up: ${JSON.stringify(hypervisors)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });

    afterAll(async () => {
      if (serverId && guestProcesses(serverId) > 0) {
        await openstackOk(["server", "delete", "--wait", SERVER], admin).catch(() => undefined);
      }
      await agent?.stop();
      await cloud?.close();
    });

    it("hypervisor show reports QEMU (TCG here) for the host", async () => {
      const list = await openstackJson<Array<Record<string, unknown>>>(
        ["hypervisor", "list", "--long"],
        admin,
      );
      const mine = list.find((h) => h["Hypervisor Hostname"] === HOST);
      expect(String(mine?.["Hypervisor Type"])).toMatch(/^(QEMU|KVM)$/);
    });

    it("server create --image zenith-tiny --wait → ACTIVE, one QEMU process", async () => {
      const created = await openstackJson<Record<string, unknown>>(
        ["server", "create", "--image", "zenith-tiny", "--flavor", "m1.tiny", "--wait", SERVER],
        admin,
      );
      expect(created.status).toBe("ACTIVE");
      serverId = String(created.id);
      expect(guestProcesses(serverId)).toBe(1);
    });

    it("console log show shows the boot banner and the hostname", async () => {
      const deadline = Date.now() + 60_000;
      let log = "";
      while (Date.now() < deadline) {
        log = await openstackOk(["console", "log", "show", SERVER], admin);
        if (log.includes("zenith-tiny ready")) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(log).toContain("Welcome to Zenith tiny");
      expect(log).toContain(`hostname: ${SERVER}`);
    });

    it("console url show --serial gives a WebSocket with the guest's shell", async () => {
      const url = await openstackJson<Record<string, string>>(
        ["console", "url", "show", "--serial", SERVER],
        admin,
      );
      expect(url.type).toBe("serial");
      expect(url.url).toMatch(/^ws:\/\//);
      const seen = await converse(url.url ?? "", "\r", new RegExp(`root@${SERVER}:[^#]*# `));
      expect(seen).toContain(`root@${SERVER}`);
    });

    it("console url show --novnc gives the noVNC page; its WebSocket speaks RFB", async () => {
      const url = await openstackJson<Record<string, string>>(
        ["console", "url", "show", "--novnc", SERVER],
        admin,
      );
      expect(url.type).toBe("novnc");
      const page = new URL(url.url ?? "");
      expect((await fetch(page)).status).toBe(200);
      const socket = `ws://${page.host}/${page.searchParams.get("path") ?? ""}`;
      const greeting = await converse(socket, "", /RFB 003\.00\d/);
      expect(greeting).toMatch(/^RFB 003\.00\d/);
    });

    it("server delete --wait leaves no QEMU process behind", async () => {
      await openstackOk(["server", "delete", "--wait", SERVER], admin);
      const deadline = Date.now() + 30_000;
      while (guestProcesses(serverId) > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 500));
      expect(guestProcesses(serverId)).toBe(0);
    });
  },
);
