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
import { run, tryRun } from "../src/driver/linux/exec.ts";
import { noL3 } from "../src/driver/linux/l3.ts";
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
    /** Extra tunnel endpoints host a is told about on net1. */
    let extraPeersA: string[] = [];
    const net1 = (peer: string): NetworkSpec =>
      vxlanNetwork(`n1${ns.suffix}-0000-net1`, 4001, peer === UNDERLAY.b ? [peer, ...extraPeersA] : [peer]);
    const net2 = (peer: string): NetworkSpec => vxlanNetwork(`n2${ns.suffix}-0000-net2`, 4002, [peer]);
    const ports = {
      a1: { id: `a1${ns.suffix}-port`, mac: "fa:16:3e:00:0a:01", address: "10.0.0.1" },
      b1: { id: `b1${ns.suffix}-port`, mac: "fa:16:3e:00:0b:01", address: "10.0.0.2" },
      a2: { id: `a2${ns.suffix}-port`, mac: "fa:16:3e:00:0a:02", address: "10.0.0.4" },
      b2: { id: `b2${ns.suffix}-port`, mac: "fa:16:3e:00:0b:02", address: "10.0.0.3" },
    };
    type PortKey = keyof typeof ports;
    const all = [egressAll, ingressIcmp];
    /** Per port: what differs from the defaults (all traffic out, ICMP in), at a generation bumped per change. */
    const changes: Partial<Record<PortKey, Partial<PortSpec>>> = {};
    const generations: Record<PortKey, number> = { a1: 1, b1: 1, a2: 1, b2: 1 };
    const change = (key: PortKey, patch: Partial<PortSpec>) => {
      changes[key] = patch;
      generations[key] += 1;
    };
    const portSpec = (key: PortKey, networkId: string): PortSpec => ({
      ...port(ports[key].id, networkId, {
        mac: ports[key].mac,
        address: ports[key].address,
        securityRules: all,
        generation: generations[key],
      }),
      ...changes[key],
    });
    let withNet2 = true;
    /** Ports of host a on net1 beyond a1. */
    let extraA: PortSpec[] = [];
    const desiredFor = (h: "a" | "b") => {
      const peer = h === "a" ? UNDERLAY.b : UNDERLAY.a;
      const n1 = net1(peer);
      const n2 = net2(peer);
      const p1 = portSpec(h === "a" ? "a1" : "b1", n1.id);
      const p2 = portSpec(h === "a" ? "a2" : "b2", n2.id);
      const extra = h === "a" ? extraA.map((p) => ({ ...p, networkId: n1.id })) : [];
      return desired({
        networks: withNet2 ? [n1, n2] : [n1],
        ports: [...(withNet2 ? [p1, p2] : [p1]), ...extra],
      });
    };

    async function startHost(name: "a" | "b", netns: string, stateDir: string): Promise<Host> {
      const driver = new LinuxDriver({
        netns,
        tunnelIp: UNDERLAY[name],
        physicalNetworks: ["public"],
        l3: noL3,
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

    it("follows the peers of a network: a flooding entry per peer, added and removed", async () => {
      const a = host("a");
      const fdb = async () =>
        JSON.stringify(
          JSON.parse(await run(["bridge", "-j", "fdb", "show", "dev", vxlanName(4001)], { netns: a.netns })),
        );
      // 192.0.2.3 is on host a's underlay link: nothing it floods there leaves the test's namespaces.
      extraPeersA = ["192.0.2.3"];
      a.reconciler.onDesired(desiredFor("a"));
      await waitFor("the new peer's entry", async () => (await fdb()).includes('"dst":"192.0.2.3"'));
      extraPeersA = [];
      a.reconciler.onDesired(desiredFor("a"));
      await waitFor("the old peer's entry gone", async () => !(await fdb()).includes('"dst":"192.0.2.3"'));
      expect(await fdb()).toContain(`"dst":"${UNDERLAY.b}"`);
    });

    it("carries a tenant network between guests on two hosts, and keeps two networks with one CIDR apart", async () => {
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
      expect(await eventuallyPings(guest("a2"), ports.b2.address)).toBe(true);
      // 10.0.0.3 exists only on net2: from net1 it is unreachable.
      expect(await pings(guest("a1"), ports.b2.address)).toBe(false);
      expect(await pings(guest("b1"), ports.a2.address)).toBe(false);
    });

    it("filters by security group: ICMP blocked without an ingress rule, allowed with it, blocked after removal", async () => {
      change("b1", { securityRules: [egressAll] });
      await converge();
      expect(lastApplied(host("b"))?.ports).toContainEqual({ id: ports.b1.id, generation: generations.b1 });
      expect(await pings(guest("a1"), ports.b1.address)).toBe(false);
      // b1 may still start a conversation: replies come back as established.
      expect(await eventuallyPings(guest("b1"), ports.a1.address)).toBe(true);

      change("b1", { securityRules: all });
      await converge();
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);

      change("b1", { securityRules: [egressAll] });
      await converge();
      expect(await pings(guest("a1"), ports.b1.address)).toBe(false);

      change("b1", { securityRules: all });
      await converge();
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
    });

    it("filters nothing on a port with port security off", async () => {
      change("b2", { portSecurity: false, securityRules: [] });
      await converge();
      expect(await eventuallyPings(guest("a2"), ports.b2.address)).toBe(true);
      change("b2", { securityRules: [] });
      await converge();
      expect(await pings(guest("a2"), ports.b2.address)).toBe(false);
      change("b2", {});
      await converge();
      expect(await eventuallyPings(guest("a2"), ports.b2.address)).toBe(true);
    });

    it("takes a port's tap down while its admin state is down", async () => {
      change("b1", { adminStateUp: false });
      await converge();
      expect(await pings(guest("a1"), ports.b1.address)).toBe(false);
      change("b1", {});
      await converge();
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
    });

    it("drops packets from an address or MAC that is not the port's, unless an allowed address pair permits it", async () => {
      const a1 = guest("a1");
      const b1 = guest("b1");
      const spoofed = "10.0.0.9";
      // Static neighbours on both sides: only the packet filter can stop these pings, not ARP.
      await run(["ip", "addr", "add", `${spoofed}/24`, "dev", "eth0"], { netns: a1 });
      await run(
        [
          "ip",
          "neigh",
          "replace",
          ports.b1.address,
          "lladdr",
          ports.b1.mac,
          "dev",
          "eth0",
          "nud",
          "permanent",
        ],
        { netns: a1 },
      );
      await run(
        ["ip", "neigh", "replace", spoofed, "lladdr", ports.a1.mac, "dev", "eth0", "nud", "permanent"],
        { netns: b1 },
      );
      const pingFrom = (source: string) =>
        tryRun(["busybox", "ping", "-I", source, "-c", "3", "-W", "1", ports.b1.address], {
          netns: a1,
          timeoutMs: 15_000,
        });
      try {
        expect(await pingFrom(spoofed)).toBe(false);
        expect(await pingFrom(ports.a1.address)).toBe(true);
        change("a1", { allowedAddressPairs: [{ ipAddress: spoofed, macAddress: ports.a1.mac }] });
        await converge();
        expect(await pingFrom(spoofed)).toBe(true);
        change("a1", {});
        await converge();
        expect(await pingFrom(spoofed)).toBe(false);

        // Another MAC: b1 is told where 10.0.0.1 is, so only the MAC check stands in the way.
        const otherMac = "fa:16:3e:00:0a:99";
        await run(["ip", "link", "set", "dev", "eth0", "address", otherMac], { netns: a1 });
        await run(
          ["ip", "neigh", "replace", ports.a1.address, "lladdr", otherMac, "dev", "eth0", "nud", "permanent"],
          { netns: b1 },
        );
        expect(await pingFrom(ports.a1.address)).toBe(false);
      } finally {
        await run(["ip", "link", "set", "dev", "eth0", "address", ports.a1.mac], { netns: a1 });
        await run(["ip", "neigh", "del", ports.a1.address, "dev", "eth0"], { netns: b1 }).catch(() => "");
        await run(["ip", "neigh", "del", spoofed, "dev", "eth0"], { netns: b1 }).catch(() => "");
        await run(["ip", "neigh", "del", ports.b1.address, "dev", "eth0"], { netns: a1 }).catch(() => "");
        await run(["ip", "addr", "del", `${spoofed}/24`, "dev", "eth0"], { netns: a1 }).catch(() => "");
      }
      expect(await eventuallyPings(a1, ports.b1.address)).toBe(true);
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

    it("repairs drift: a bridge deleted by hand comes back with its tap and vxlan device, a flushed firewall comes back", async () => {
      const a = host("a");
      const bridge = bridgeName(net1(UNDERLAY.b).id);
      await run(["ip", "link", "del", bridge], { netns: a.netns });
      await waitFor("the bridge re-created", async () => (await ifindex(a.netns, bridge)) !== undefined);
      expect(await eventuallyPings(guest("a1"), ports.b1.address)).toBe(true);
      // The firewall flushed by hand: the ports' chains come back at the next resync.
      await run(["nft", "flush", "ruleset"], { netns: a.netns });
      await waitFor("the port chains re-created", async () => {
        const rules = await run(["nft", "list", "ruleset"], { netns: a.netns });
        return (
          rules.includes(`"tap${ports.a1.id.slice(0, 11)}" : jump from-`) &&
          rules.includes("chain ingress-") &&
          // The network's conntrack zone too.
          rules.includes(`"${bridge}" : `)
        );
      });
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

    it("wires a tap that appears after its port is desired", async () => {
      const a = host("a");
      const late = port(`c1${ns.suffix}-port`, "", { mac: "fa:16:3e:00:0c:01", address: "10.0.0.7" });
      extraA = [{ ...late, securityRules: all }];
      for (const h of hosts.values()) h.reconciler.onDesired(desiredFor(h.name));
      await a.reconciler.idle();
      expect(lastApplied(a)?.ports.map((p) => p.id)).not.toContain(late.id);
      const g = await ns.add("gc1");
      await plugGuest({ host: a.netns, guest: g, tap: late.device, mac: late.mac, address: "10.0.0.7/24" });
      await waitFor(
        "the late port reported wired",
        () => lastApplied(a)?.ports.some((p) => p.id === late.id) === true,
      );
      expect(await eventuallyPings(g, ports.b1.address)).toBe(true);
    });
  },
);
