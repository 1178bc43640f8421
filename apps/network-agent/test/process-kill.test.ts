/**
 * The network agent as a real process on the linux driver (wiring a
 * namespace standing for its host, ZENITH_NETWORK_NETNS), killed with -9
 * while two guests ping each other: the pings do not stop, and a new
 * process converges from its state file, also while the control plane is
 * down, and says hello with what is applied once it is back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SecurityRule } from "@zenith/agent-protocol/network";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeName } from "../src/driver/linux/driver.ts";
import { run } from "../src/driver/linux/exec.ts";
import { probeLinuxNetworking } from "../src/driver/linux/probe.ts";
import { ifindex, Namespaces, plugGuest } from "./netns.ts";
import { desired, port, vxlanNetwork } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";
import { waitFor } from "./wait.ts";

const probe = await probeLinuxNetworking();
const APP = fileURLToPath(new URL("..", import.meta.url));

const open: SecurityRule[] = [
  {
    direction: "egress",
    ethertype: "IPv4",
    protocol: null,
    portRangeMin: null,
    portRangeMax: null,
    remotePrefixes: null,
  },
  {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "icmp",
    portRangeMin: null,
    portRangeMax: null,
    remotePrefixes: null,
  },
];

describe.skipIf(!probe.ok)(
  `network agent process killed with -9 during traffic${probe.ok ? "" : ` (skipped: ${probe.reason})`}`,
  () => {
    const ns = new Namespaces();
    const control = new TinyControl();
    let dataDir = "";
    let hostNs = "";
    const guests: string[] = [];
    let child: ChildProcess | undefined;
    const network = vxlanNetwork(`k1${ns.suffix}-net`, 4300);
    const ports = [
      port(`k1${ns.suffix}-port1`, network.id, {
        mac: "fa:16:3e:00:0e:01",
        address: "10.66.0.1",
        securityRules: open,
      }),
      port(`k2${ns.suffix}-port2`, network.id, {
        mac: "fa:16:3e:00:0e:02",
        address: "10.66.0.2",
        securityRules: open,
      }),
    ];

    const startAgent = () => {
      const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: APP,
        env: {
          ...process.env,
          ZENITH_NETWORK_DRIVER: "linux",
          ZENITH_NETWORK_NETNS: hostNs,
          ZENITH_NETWORK_HOST: "kill-host",
          ZENITH_TUNNEL_IP: "192.0.2.1",
          ZENITH_AGENT_TOKEN: control.token,
          ZENITH_CONTROL_URL: control.url,
          ZENITH_DATA_DIR: dataDir,
          ZENITH_NETWORK_RESYNC_S: "2",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child = proc;
      return proc;
    };
    const kill9 = async (proc: ChildProcess) => {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGKILL");
      await exited;
    };

    beforeAll(async () => {
      await control.start();
      dataDir = await mkdtemp(join(tmpdir(), "net-kill-"));
      hostNs = await ns.add("kh");
      for (const [i, p] of ports.entries()) {
        const g = await ns.add(`kg${i}`);
        guests.push(g);
        await plugGuest({
          host: hostNs,
          guest: g,
          tap: p.device,
          mac: p.mac,
          address: `${p.fixedIps[0]?.address}/24`,
        });
      }
      control.desired = desired({ networks: [network], ports });
    });

    afterAll(async () => {
      if (child !== undefined && child.exitCode === null && child.signalCode === null) await kill9(child);
      await control.stop();
      await ns.removeAll();
      if (dataDir !== "") await rm(dataDir, { recursive: true, force: true });
    });

    const wired = () =>
      control.of("report").some((r) => r.applied.ports.length === 2 && r.applied.errors.length === 0);

    it("keeps guests talking across kill -9 and restarts, with and without the control plane", async () => {
      const first = startAgent();
      await waitFor("both ports wired", wired, 60_000);
      const bridgeIndex = await ifindex(hostNs, bridgeName(network.id));

      const pinging = run(["busybox", "ping", "-c", "24", "-i", "0.25", "-W", "1", "10.66.0.2"], {
        netns: guests[0],
        timeoutMs: 30_000,
      });
      await kill9(first);
      startAgent();
      await waitFor("a hello from the new process", () => control.of("hello").length >= 2, 60_000);
      expect(
        control
          .of("hello")
          .at(-1)
          ?.applied.ports.map((p) => p.id)
          .sort(),
      ).toEqual(ports.map((p) => p.id).sort());

      // Now the control plane is away while the agent dies and comes back.
      await control.stop();
      const second = child;
      if (second === undefined) throw new Error("no agent");
      await kill9(second);
      const hellos = control.of("hello").length;
      startAgent();
      const out = await pinging;
      expect(out).toContain("24 packets transmitted, 24 packets received");
      expect(await ifindex(hostNs, bridgeName(network.id))).toBe(bridgeIndex);

      await control.start();
      await waitFor(
        "a hello after the control plane is back",
        () => control.of("hello").length > hellos,
        60_000,
      );
      expect(control.of("hello").at(-1)?.applied.ports).toHaveLength(2);
    });
  },
);
