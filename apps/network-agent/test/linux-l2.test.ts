/**
 * The linux driver on real devices: two "hosts" are two network
 * namespaces joined by a veth pair standing for the underlay, each wired
 * by its own reconciler and linux driver (commands run inside the host's
 * namespace); a guest is a namespace whose eth0 is the peer of a veth end
 * standing for its tap. Everything is removed after, also on failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  NetworkAgentMessage,
  NetworkSpec,
  PortSpec,
  SecurityRule,
} from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeName, LinuxDriver, vxlanName } from "../src/driver/linux/driver.ts";
import { run } from "../src/driver/linux/exec.ts";
import { probeLinuxNetworking } from "../src/driver/linux/probe.ts";
import { Reconciler } from "../src/reconciler.ts";
import { eventuallyPings, ifindex, Namespaces, pings, plugGuest } from "./netns.ts";
import { desired, port, vxlanNetwork } from "./specs.ts";
import { waitFor } from "./wait.ts";

const probe = await probeLinuxNetworking();
const logger = createLogger("linux-l2-test", "silent");

const UNDERLAY = { a: "192.0.2.1", b: "192.0.2.2" };
const egressAll: SecurityRule = {
  direction: "egress",
  ethertype: "IPv4",
  protocol: null,
  portRangeMin: null,
  portRangeMax: null,
  remotePrefixes: null,
};
const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
const ingressIcmp: SecurityRule = { ...egressAll, direction: "ingress", protocol: "icmp" };

interface Host {
  name: "a" | "b";
  netns: string;
  stateDir: string;
  reconciler: Reconciler;
  sent: NetworkAgentMessage[];
}

describe.skipIf(!probe.ok)(
  `linux driver, two hosts over VXLAN${probe.ok ? "" : ` (skipped: this process cannot change networking: ${probe.reason})`}`,
  () => {
    const ns = new Namespaces();
    const stateDirs: string[] = [];
    const hosts = new Map<"a" | "b", Host>();
    const guests: Record<string, string> = {};
    // Two networks with the same CIDR; a guest per host on each.
    const net1 = (peer: string): NetworkSpec => vxlanNetwork(`n1${ns.suffix}-0000-net1`, 4001, [peer]);
    const net2 = (peer: string): NetworkSpec => vxlanNetwork(`n2${ns.suffix}-0000-net2`, 4002, [peer]);
    const ports = {
      a1: { id: `a1${ns.suffix}-port`, mac: "fa:16:3e:00:0a:01", address: "10.0.0.1" },
      b1: { id: `b1${ns.suffix}-port`, mac: "fa:16:3e:00:0b:01", address: "10.0.0.2" },
      a2: { id: `a2${ns.suffix}-port`, mac: "fa:16:3e:00:0a:02", address: "10.0.0.4" },
      b2: { id: `b2${ns.suffix}-port`, mac: "fa:16:3e:00:0b:02", address: "10.0.0.3" },
    };
    const portSpec = (
      key: keyof typeof ports,
      networkId: string,
      rules: SecurityRule[],
      generation = 1,
    ): PortSpec =>
      port(ports[key].id, networkId, {
        mac: ports[key].mac,
        address: ports[key].address,
        securityRules: rules,
        generation,
      });
    /** The desired state of both hosts: `rulesB1` are the rules of guest b1's port. */
    let rulesB1: SecurityRule[] = [egressAll, ingressIcmp];
    let generation = 1;
    let withNet2 = true;
    const desiredFor = (h: "a" | "b") => {
      const peer = h === "a" ? UNDERLAY.b : UNDERLAY.a;
      const n1 = net1(peer);
      const n2 = net2(peer);
      const all = [egressAll, ingressIcmp];
      const p1 = h === "a" ? portSpec("a1", n1.id, all) : portSpec("b1", n1.id, rulesB1, generation);
      const p2 = h === "a" ? portSpec("a2", n2.id, all) : portSpec("b2", n2.id, all);
      return desired({ networks: withNet2 ? [n1, n2] : [n1], ports: withNet2 ? [p1, p2] : [p1] });
    };

    async function startHost(name: "a" | "b", netns: string, stateDir: string): Promise<Host> {
      const driver = new LinuxDriver({
        netns,
        tunnelIp: UNDERLAY[name],
        physicalNetworks: ["public"],
        logger,
      });
      await driver.init();
      const sent: NetworkAgentMessage[] = [];
      const reconciler = new Reconciler({
        driver,
        stateDir,
        send: (m) => sent.push(m),
        logger,
        resyncMs: 1_000,
        absentPollMs: 200,
      });
      await reconciler.start();
      const host = { name, netns, stateDir, reconciler, sent };
      hosts.set(name, host);
      return host;
    }

    /** Sends each host its desired state and waits for its report of every port at its generation. */
    async function converge(): Promise<void> {
      for (const h of hosts.values()) {
        const d = desiredFor(h.name);
        h.reconciler.onDesired(d);
        const want = JSON.stringify(d.ports.map((p) => ({ id: p.id, generation: p.generation })).sort(byId));
        await waitFor(
          `host ${h.name} reports its ports wired`,
          () => {
            const applied = lastApplied(h);
            return (
              applied !== undefined &&
              applied.errors.length === 0 &&
              JSON.stringify([...applied.ports].sort(byId)) === want
            );
          },
          30_000,
        );
      }
    }

    const lastApplied = (h: Host) => {
      const r = h.sent.filter((m) => m.type === "report").at(-1);
      return r?.type === "report" ? r.applied : undefined;
    };

    beforeAll(async () => {
      const ha = await ns.add("ha");
      const hb = await ns.add("hb");
      await run(["ip", "-n", ha, "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", hb]);
      for (const [h, addr] of [
        [ha, UNDERLAY.a],
        [hb, UNDERLAY.b],
      ] as const) {
        await run(["ip", "-n", h, "addr", "add", `${addr}/24`, "dev", "ul0"]);
        await run(["ip", "-n", h, "link", "set", "ul0", "up"]);
      }
      for (const [key, host] of [
        ["a1", ha],
        ["b1", hb],
        ["a2", ha],
        ["b2", hb],
      ] as const) {
        const guest = await ns.add(`g${key}`);
        guests[key] = guest;
        const p = ports[key];
        await plugGuest({
          host,
          guest,
          tap: `tap${p.id.slice(0, 11)}`,
          mac: p.mac,
          address: `${p.address}/24`,
        });
      }
      for (const name of ["a", "b"] as const) {
        const dir = await mkdtemp(join(tmpdir(), `net-l2-${name}-`));
        stateDirs.push(dir);
        await startHost(name, name === "a" ? ha : hb, dir);
      }
      await converge();
    });

    afterAll(async () => {
      for (const h of hosts.values()) await h.reconciler.stop();
      await ns.removeAll();
      for (const d of stateDirs) await rm(d, { recursive: true, force: true });
    });

    const guest = (key: keyof typeof ports): string => {
      const g = guests[key];
      if (g === undefined) throw new Error(`no guest ${key}`);
      return g;
    };
    const host = (name: "a" | "b"): Host => {
      const h = hosts.get(name);
      if (h === undefined) throw new Error(`no host ${name}`);
      return h;
    };

    it("wires a bridge and a vxlan device per network and reports the ports wired", async () => {
      const a = host("a");
      const n1 = net1(UNDERLAY.b);
      const vx = await run(["ip", "-j", "-d", "link", "show", "dev", vxlanName(4001)], { netns: a.netns });
      expect(vx).toContain(`"master":"${bridgeName(n1.id)}"`);
      expect(vx).toContain('"local":"192.0.2.1"');
      expect(vx).toContain('"learning":false');
      expect(vx).toContain('"mtu":1450');
      const fdb = await run(["bridge", "-j", "fdb", "show", "dev", vxlanName(4001)], { netns: a.netns });
      expect(fdb).toContain(`"dst":"${UNDERLAY.b}"`);
      expect(
        lastApplied(a)
          ?.ports.map((p) => p.id)
          .sort(),
      ).toEqual([ports.a1.id, ports.a2.id].sort());
      expect(lastApplied(a)?.errors).toEqual([]);
    });

    it("carries a tenant network between guests on two hosts, and keeps two networks with one CIDR apart", async () => {
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
      expect(await eventuallyPings(guest("a2"), ports.b2.address)).toBe(true);
      // 10.0.0.3 exists only on net2: from net1 it is unreachable.
      expect(await pings(guest("a1"), ports.b2.address)).toBe(false);
      expect(await pings(guest("b1"), ports.a2.address)).toBe(false);
    });

    it("filters by security group: ICMP blocked without an ingress rule, allowed with it, blocked after removal", async () => {
      rulesB1 = [egressAll];
      generation = 2;
      await converge();
      expect(lastApplied(host("b"))?.ports).toContainEqual({ id: ports.b1.id, generation: 2 });
      expect(await pings(guest("a1"), ports.b1.address)).toBe(false);
      // b1 may still start a conversation: replies come back as established.
      expect(await eventuallyPings(guest("b1"), ports.a1.address)).toBe(true);

      rulesB1 = [egressAll, ingressIcmp];
      generation = 3;
      await converge();
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);

      rulesB1 = [egressAll];
      generation = 4;
      await converge();
      expect(await pings(guest("a1"), ports.b1.address)).toBe(false);

      rulesB1 = [egressAll, ingressIcmp];
      generation = 5;
      await converge();
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
    });

    it("drops a guest's packets once it takes an address that is not its own", async () => {
      const g = guest("a1");
      const readdress = async (address: string) => {
        await run(["ip", "addr", "flush", "dev", "eth0"], { netns: g });
        await run(["ip", "addr", "add", `${address}/24`, "dev", "eth0"], { netns: g });
      };
      await readdress("10.0.0.9");
      try {
        expect(await pings(g, ports.b1.address)).toBe(false);
      } finally {
        await readdress(ports.a1.address);
      }
      expect(await eventuallyPings(g, ports.b1.address)).toBe(true);
    });

    it("repairs drift: a bridge deleted by hand comes back with its tap and vxlan device", async () => {
      const a = host("a");
      const bridge = bridgeName(net1(UNDERLAY.b).id);
      await run(["ip", "link", "del", bridge], { netns: a.netns });
      await waitFor("the bridge re-created", async () => (await ifindex(a.netns, bridge)) !== undefined);
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
    });

    it("survives an agent restart without cutting traffic, then removes a network no longer desired", async () => {
      const a = host("a");
      const b = host("b");
      const bridge2 = bridgeName(net2(UNDERLAY.b).id);
      const before = await ifindex(a.netns, bridgeName(net1(UNDERLAY.b).id));
      // Pings run across the restart of host a's agent (a new driver on the same state).
      const during = run(["busybox", "ping", "-c", "12", "-i", "0.25", "-W", "1", ports.b1.address], {
        netns: guest("a1"),
        timeoutMs: 20_000,
      });
      await a.reconciler.stop();
      hosts.delete("a");
      const restarted = await startHost("a", a.netns, a.stateDir);
      await waitFor(
        "the restarted agent reports both ports",
        () => lastApplied(restarted)?.ports.length === 2,
      );
      const out = await during;
      expect(out).toContain("12 packets transmitted, 12 packets received");
      expect(await ifindex(a.netns, bridgeName(net1(UNDERLAY.b).id))).toBe(before);

      withNet2 = false;
      await converge();
      for (const h of [restarted, b]) {
        await waitFor(
          `net2 removed on host ${h.name}`,
          async () => (await ifindex(h.netns, bridge2)) === undefined,
        );
        expect(await ifindex(h.netns, vxlanName(4002))).toBeUndefined();
      }
      // The removed port's filtering went with it; net1 still carries traffic.
      const rules = await run(["nft", "list", "ruleset"], { netns: restarted.netns });
      expect(rules).not.toContain(`tap${ports.a2.id.slice(0, 11)}`);
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
    });
  },
);
