/**
 * The linux driver with the L3 modules, through the reconciler, in a
 * namespace standing for a host: a guest behind its security group takes
 * its address by DHCP from the network's dnsmasq (the group lets DHCP
 * through) and reaches the DHCP port; the flat external network brings the
 * host's outside world, a flat network of an unknown physnet is refused
 * with the reason reported, and removal takes everything away.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DhcpSpec, NetworkAgentMessage, NetworkSpec } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeName, LinuxDriver } from "../src/driver/linux/driver.ts";
import { run } from "../src/driver/linux/exec.ts";
import { linuxL3, ZL3Env } from "../src/driver/linux/l3/index.ts";
import { probeLinuxNetworking } from "../src/driver/linux/probe.ts";
import { Reconciler } from "../src/reconciler.ts";
import { dhcpLease, writeUdhcpcScript } from "./l3-helpers.ts";
import { eventuallyPings, ifindex, Namespaces, plugGuest } from "./netns.ts";
import { desired, port, vxlanNetwork } from "./specs.ts";
import { waitFor } from "./wait.ts";

const probe = await probeLinuxNetworking();
const logger = createLogger("linux-l3-wiring-test", "silent");

describe.skipIf(!probe.ok)(
  `linux driver with DHCP and the outside world${probe.ok ? "" : ` (skipped: ${probe.reason})`}`,
  () => {
    const ns = new Namespaces();
    const dirs: string[] = [];
    let hostNs = "";
    let guestNs = "";
    let reconciler: Reconciler | undefined;
    const sent: NetworkAgentMessage[] = [];
    const lastApplied = () => {
      const r = sent.filter((m) => m.type === "report").at(-1);
      return r?.type === "report" ? r.applied : undefined;
    };

    const net: NetworkSpec = vxlanNetwork(`d1${ns.suffix}-net`, 4100);
    const guestPort = port(`g1${ns.suffix}-port`, net.id, {
      mac: "fa:16:3e:00:0d:01",
      address: "10.77.0.10",
      securityRules: [
        {
          direction: "egress",
          ethertype: "IPv4",
          protocol: null,
          portRangeMin: null,
          portRangeMax: null,
          remotePrefixes: null,
        },
      ],
    });
    const dhcp: DhcpSpec = {
      networkId: net.id,
      port: {
        id: `p1${ns.suffix}-dhcp`,
        mac: "fa:16:3e:00:0d:02",
        fixedIps: [{ subnetId: "s1", address: "10.77.0.2", prefixLength: 24, ipVersion: 4 }],
      },
      mtu: 1450,
      subnets: [
        {
          id: "s1",
          cidr: "10.77.0.0/24",
          ipVersion: 4,
          gatewayIp: "10.77.0.1",
          dnsNameservers: [],
          hostRoutes: [],
        },
      ],
      hosts: [{ mac: guestPort.mac, address: "10.77.0.10", hostname: "guest-one" }],
      metadata: false,
      generation: 1,
    };
    const publicNet: NetworkSpec = {
      id: `e1${ns.suffix}-public`,
      type: "flat",
      segmentationId: null,
      physicalNetwork: "public",
      mtu: 1500,
      external: true,
      peers: [],
    };
    const elsewhere: NetworkSpec = {
      ...publicNet,
      id: `e2${ns.suffix}-other`,
      physicalNetwork: "datacentre",
    };

    beforeAll(async () => {
      hostNs = await ns.add("l3h");
      guestNs = await ns.add("l3g");
      await plugGuest({
        host: hostNs,
        guest: guestNs,
        tap: guestPort.device,
        mac: guestPort.mac,
        address: "192.0.2.99/32",
      });
      // The guest starts without an address: DHCP gives it one.
      await run(["ip", "addr", "flush", "dev", "eth0"], { netns: guestNs });
      const stateDir = await mkdtemp(join(tmpdir(), "net-l3-wiring-"));
      dirs.push(stateDir);
      const driver = new LinuxDriver({
        netns: hostNs,
        tunnelIp: "192.0.2.1",
        physicalNetworks: ["public"],
        l3: linuxL3({ stateDir: join(stateDir, "l3"), env: ZL3Env.parse({}), logger }),
        logger,
      });
      await driver.init();
      reconciler = new Reconciler({ driver, stateDir, send: (m) => sent.push(m), logger, resyncMs: 2_000 });
      await reconciler.start();
    });

    afterAll(async () => {
      // Everything desired goes first (dnsmasq, the outside namespace), then the namespaces.
      reconciler?.onDesired(desired({}));
      await reconciler?.idle();
      await reconciler?.stop();
      await run(["ip", "netns", "del", `${hostNs}-outside`]).catch(() => "");
      await ns.removeAll();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });

    it("a guest behind its security group gets its address by DHCP and reaches the DHCP port", async () => {
      reconciler?.onDesired(desired({ networks: [net], ports: [guestPort], dhcp: [dhcp] }));
      await waitFor(
        "port and DHCP applied",
        () => lastApplied()?.ports.length === 1 && lastApplied()?.dhcp.length === 1,
        30_000,
      );
      const dir = await mkdtemp(join(tmpdir(), "net-l3-udhcpc-"));
      dirs.push(dir);
      const lease = await dhcpLease(guestNs, dir, await writeUdhcpcScript(dir));
      expect(lease.ip).toBe("10.77.0.10");
      expect(lease.hostname).toBe("guest-one");
      expect(await eventuallyPings(guestNs, "10.77.0.2")).toBe(true);
    });

    it("brings the outside world with the flat external network, refuses an unknown physnet, and removes both", async () => {
      reconciler?.onDesired(
        desired({ networks: [net, publicNet, elsewhere], ports: [guestPort], dhcp: [dhcp] }),
      );
      await waitFor("the outside namespace", async () =>
        (await run(["ip", "netns", "list"])).includes(`${hostNs}-outside`),
      );
      expect(await ifindex(hostNs, bridgeName(publicNet.id))).toBeDefined();
      await waitFor("the unknown physnet reported", () =>
        (lastApplied()?.errors ?? []).some((e) => e.kind === "network" && e.id === elsewhere.id),
      );
      expect(lastApplied()?.errors.find((e) => e.id === elsewhere.id)?.message).toMatch(
        /physical network datacentre is not bridged/,
      );

      reconciler?.onDesired(desired({}));
      await waitFor("everything removed", async () => {
        const list = await run(["ip", "netns", "list"]);
        return (
          !list.includes(`${hostNs}-outside`) &&
          !list.includes(`qdhcp-${net.id}`) &&
          (await ifindex(hostNs, bridgeName(net.id))) === undefined &&
          (await ifindex(hostNs, bridgeName(publicNet.id))) === undefined
        );
      });
      expect(lastApplied()).toEqual({ ports: [], dhcp: [], routers: [], errors: [] });
    });
  },
);
