/**
 * The outside world, a router and floating IPs on real namespaces. Topology
 * (every namespace made by this suite, removed after): a namespace standing
 * for the host holds the bridges; the outside-world namespace holds
 * 172.24.4.1 and a tiny HTTP server answering with the caller's address;
 * a guest namespace (10.0.0.5) sits on the tenant bridge behind the router.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NetworkSpec, RouterSpec } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/driver/linux/exec.ts";
import { waitFor } from "../src/driver/linux/l3/daemon.ts";
import { type L3HostContext, type LinuxL3, linuxL3, names, ZL3Env } from "../src/driver/linux/l3/index.ts";
import { addresses, linkInfo, netnsExists } from "../src/driver/linux/l3/iproute.ts";
import { listRouters } from "../src/driver/linux/l3/router.ts";
import { addBridge, addGuest, canUseNetns, fakeMac, fakeUuid, guestGet, Namespaces } from "./l3-helpers.ts";

const allowed = await canUseNetns();
const logger = createLogger("l3-router-test", "warn");
const PORT = 18080;

describe.skipIf(!allowed)(
  "L3 outside world, router, SNAT and floating IPs (needs root to create network namespaces)",
  () => {
    const nss = new Namespaces();
    const externalId = fakeUuid();
    const tenantId = fakeUuid();
    const routerId = fakeUuid();
    const gwPort = { portId: fakeUuid(), networkId: externalId, mac: fakeMac() };
    const ifPort = { portId: fakeUuid(), networkId: tenantId, mac: fakeMac() };
    const guestMac = fakeMac();
    let hostNs = "";
    let guestNs = "";
    let stateDir = "";
    let server: ChildProcess | undefined;
    let outside: { namespace: string; hostDevice: string; linkDevice: string };
    let l3: LinuxL3 | undefined;
    let host: L3HostContext;
    const externalBridge = names.bridgeName(externalId);
    const publicNet: NetworkSpec = {
      id: externalId,
      type: "flat",
      segmentationId: null,
      physicalNetwork: "public",
      mtu: 1500,
      external: true,
      peers: [],
    };
    const ensureOutside = () => l3?.ensureOutside(host, publicNet, externalBridge);
    const ensureRouter = (r: RouterSpec) => l3?.ensureRouter(host, r, new Map());

    const spec = (over: Partial<RouterSpec> = {}): RouterSpec => ({
      id: routerId,
      adminStateUp: true,
      gateway: {
        ...gwPort,
        fixedIps: [{ subnetId: "pub", address: "172.24.4.10", prefixLength: 24, ipVersion: 4 }],
        nexthop: "172.24.4.1",
      },
      enableSnat: true,
      interfaces: [
        { ...ifPort, fixedIps: [{ subnetId: "priv", address: "10.0.0.1", prefixLength: 24, ipVersion: 4 }] },
      ],
      routes: [],
      floatingIps: [],
      generation: 1,
      ...over,
    });

    /** What the router namespace, the outside namespace and the host look like (for "changes nothing"). */
    const snapshot = async () => {
      const rns = names.routerNamespace(routerId);
      return {
        // Stateless: the counters' values change with every packet, the rules must not.
        nat: await run(["nft", "-a", "-s", "list", "ruleset"], { netns: rns }),
        qr: await addresses(names.routerInterfaceDevice(ifPort.portId), rns),
        qg: await addresses(names.routerGatewayDevice(gwPort.portId), rns),
        routes: await run(["ip", "route"], { netns: rns }),
        outsideAddrs: await addresses("br-ex", outside.namespace),
        outsideRoutes: await run(["ip", "route"], { netns: outside.namespace }),
        hostRoutes: await run(["ip", "route"], { netns: hostNs }),
        hostNft: await run(["nft", "-a", "list", "ruleset"], { netns: hostNs }),
        links: (await run(["ip", "-o", "link"], { netns: hostNs })).replace(/\s+/g, " "),
      };
    };

    /** The route the host would take to `address` must be the outside link (the machine's hard rule). */
    const hostRouteDev = async (address: string) =>
      /dev (\S+)/.exec(await run(["ip", "route", "get", address], { netns: hostNs }))?.[1];

    beforeAll(async () => {
      hostNs = await nss.add("h");
      guestNs = await nss.add("g");
      stateDir = await mkdtemp(join(tmpdir(), "zenith-l3-router-"));
      // The names linuxL3 gives the outside world of a host standing in a namespace.
      outside = { namespace: `${hostNs}-outside`, hostDevice: "zenith-ex", linkDevice: "zenith-exbr" };
      await addBridge(hostNs, names.bridgeName(tenantId));
      await addGuest(hostNs, guestNs, names.bridgeName(tenantId), `gv${nss.suffix}`, guestMac);
      await run(["ip", "addr", "add", "10.0.0.5/24", "dev", "eth0"], { netns: guestNs });
      await run(["ip", "route", "add", "default", "via", "10.0.0.1"], { netns: guestNs });
      l3 = linuxL3({ stateDir, env: ZL3Env.parse({}), logger });
      host = { netns: hostNs, bridgeOf: names.bridgeName };
    });

    afterAll(async () => {
      server?.kill("SIGKILL");
      await l3?.removeRouter(host, routerId).catch(() => undefined);
      await l3?.removeOutside(host, publicNet, externalBridge).catch(() => undefined);
      await nss.removeAll();
      if (stateDir) await rm(stateDir, { recursive: true, force: true });
    });

    it("builds the outside world: gateway on br-ex, a host route to the public network only, no way further", async () => {
      await ensureOutside();
      expect(await addresses("br-ex", outside.namespace)).toEqual(["172.24.4.1/24"]);
      expect(await hostRouteDev("172.24.4.77")).toBe(outside.hostDevice);
      // The outside world has no default route: nothing it gets can go anywhere else.
      await expect(run(["ip", "route", "get", "198.51.100.1"], { netns: outside.namespace })).rejects.toThrow(
        /unreachable/i,
      );
      const guard = await run(["nft", "list", "table", "inet", "zenith_outside"], { netns: hostNs });
      expect(guard).toContain(`iifname "${outside.hostDevice}" drop`);
      expect(guard).toContain(`oifname "${outside.hostDevice}" drop`);
      expect((await linkInfo(outside.linkDevice, hostNs))?.master).toBe(names.bridgeName(externalId));

      // The test host inside the outside world: answers with the address it sees.
      const js =
        "require('http').createServer((q,s)=>s.end(q.socket.remoteAddress)).listen(+process.argv[1],process.argv[2],()=>console.log('ready'))";
      server = spawn(
        "ip",
        ["netns", "exec", outside.namespace, process.execPath, "-e", js, String(PORT), "172.24.4.1"],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve, reject) => {
        server?.stdout?.once("data", () => resolve());
        server?.once("exit", (code) => reject(new Error(`test host exited (${code})`)));
      });
    });

    it("lets a guest behind the router reach the outside through SNAT: the outside sees the gateway address", async () => {
      await ensureRouter(spec());
      expect(await listRouters({ stateDir })).toEqual([routerId]);
      expect(await guestGet(guestNs, `http://172.24.4.1:${PORT}/`)).toBe("172.24.4.10");
    });

    it("gives the guest a floating IP: the host reaches it, the outside sees the floating address", async () => {
      await ensureRouter(
        spec({ floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }] }),
      );
      expect(await hostRouteDev("172.24.4.50")).toBe(outside.hostDevice);
      const ping = await run(["busybox", "ping", "-c", "3", "-W", "1", "172.24.4.50"], { netns: hostNs });
      expect(ping).toMatch(/3 packets received/);
      expect(await guestGet(guestNs, `http://172.24.4.1:${PORT}/`)).toBe("172.24.4.50");
      // Hairpin: the guest reaches its own floating IP from inside.
      const hairpin = await run(["busybox", "ping", "-c", "1", "-W", "2", "172.24.4.50"], { netns: guestNs });
      expect(hairpin).toMatch(/1 packets received/);
    });

    it("counts the bytes through the gateway and to and from the floating IP", async () => {
      const counters = () => l3?.trafficCounters(host);
      const fipOf = (c: Awaited<ReturnType<typeof counters>>) => c?.floatingIps.find((f) => f.id === "fip-1");
      const before = await counters();
      expect(before?.routers.map((r) => r.id)).toEqual([routerId]);
      // In: the host reaches the floating IP from outside. Out: the guest calls the outside world.
      const ping = await run(["busybox", "ping", "-c", "3", "-W", "1", "172.24.4.50"], { netns: hostNs });
      expect(ping).toMatch(/3 packets received/);
      expect(await guestGet(guestNs, `http://172.24.4.1:${PORT}/`)).toBe("172.24.4.50");
      const after = await counters();
      const [r0, r1] = [before?.routers[0], after?.routers[0]];
      // Three echo requests of 84 bytes in, three replies out, at the least.
      expect((r1?.incomingBytes ?? 0) - (r0?.incomingBytes ?? 0)).toBeGreaterThanOrEqual(3 * 84);
      expect((r1?.outgoingBytes ?? 0) - (r0?.outgoingBytes ?? 0)).toBeGreaterThanOrEqual(3 * 84);
      const [f0, f1] = [fipOf(before), fipOf(after)];
      expect((f1?.incomingBytes ?? 0) - (f0?.incomingBytes ?? 0)).toBeGreaterThanOrEqual(3 * 84);
      expect((f1?.outgoingBytes ?? 0) - (f0?.outgoingBytes ?? 0)).toBeGreaterThanOrEqual(3 * 84);
    });

    it("keeps the counters when the router changes; a floating IP removed loses its counter", async () => {
      const one = { id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" };
      const two = { id: "fip-2", floatingIp: "172.24.4.51", fixedIp: "10.0.0.6" };
      const counters = async () => (await l3?.trafficCounters(host)) ?? { routers: [], floatingIps: [] };
      const before = await counters();
      const fip1Before = before.floatingIps.find((f) => f.id === "fip-1")?.incomingBytes ?? 0;
      expect(fip1Before).toBeGreaterThan(0);
      await ensureRouter(spec({ floatingIps: [one, two] }));
      const both = await counters();
      expect(both.floatingIps.map((f) => f.id).sort()).toEqual(["fip-1", "fip-2"]);
      expect(both.floatingIps.find((f) => f.id === "fip-1")?.incomingBytes).toBeGreaterThanOrEqual(
        fip1Before,
      );
      expect(both.routers[0]?.incomingBytes).toBeGreaterThanOrEqual(before.routers[0]?.incomingBytes ?? 0);
      await ensureRouter(spec({ floatingIps: [one] }));
      const back = await counters();
      expect(back.floatingIps.map((f) => f.id)).toEqual(["fip-1"]);
      expect(back.floatingIps[0]?.incomingBytes).toBeGreaterThanOrEqual(fip1Before);
      const listing = await run(["nft", "-s", "list", "table", "ip", "zenith_router"], {
        netns: names.routerNamespace(routerId),
      });
      expect(listing).not.toContain("fip-in-fip-2");
    });

    it("changes nothing when the outside world and the router are ensured again (ruleset, addresses, routes)", async () => {
      const fip = spec({ floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }] });
      const before = await snapshot();
      // Pings to the floating IP run across the second convergence (as across an agent restart): none is lost.
      const pings = run(["busybox", "ping", "-c", "10", "-i", "0.2", "-W", "1", "172.24.4.50"], {
        netns: hostNs,
      });
      await ensureOutside();
      await ensureRouter(fip);
      expect(await pings).toMatch(/10 packets transmitted, 10 packets received/);
      expect(await snapshot()).toEqual(before);
    });

    it("applies the reachable static routes and reports the refused one", async () => {
      const fip = spec({ floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }] });
      const routes = [
        { destination: "192.168.50.0/24", nexthop: "10.0.0.254" },
        { destination: "192.168.60.0/24", nexthop: "203.0.113.9" },
      ];
      await expect(ensureRouter({ ...fip, routes })).rejects.toThrow(/192.168.60.0\/24 via 203.0.113.9/);
      const table = await run(["ip", "route"], { netns: names.routerNamespace(routerId) });
      expect(table).toContain("192.168.50.0/24 via 10.0.0.254");
      expect(table).toContain("default via 172.24.4.1");
      await ensureRouter(fip);
      expect(await run(["ip", "route"], { netns: names.routerNamespace(routerId) })).not.toContain(
        "192.168.50.0",
      );
    });

    it("announces a re-made gateway port: the outside world learns the floating IP's new MAC at once", async () => {
      const neighbour = () => run(["ip", "neigh", "show", "172.24.4.50"], { netns: outside.namespace });
      expect(await neighbour()).toContain(gwPort.mac);
      const remade = { portId: fakeUuid(), networkId: externalId, mac: fakeMac() };
      const base = spec({ floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }] });
      await ensureRouter({ ...base, gateway: base.gateway && { ...base.gateway, ...remade } });
      await waitFor("the outside world to see the new MAC", async () =>
        (await neighbour()).includes(remade.mac),
      );
      await ensureRouter(base);
    });

    it("repairs a flushed NAT table", async () => {
      const fip = spec({ floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }] });
      const rns = names.routerNamespace(routerId);
      await run(["nft", "flush", "table", "ip", "zenith_router"], { netns: rns });
      await ensureRouter(fip);
      expect(await run(["nft", "list", "table", "ip", "zenith_router"], { netns: rns })).toContain(
        "dnat to 10.0.0.5",
      );
    });

    it("cuts the guest off when the router interface is removed, and removes everything on remove", async () => {
      // The floating IP stays associated: only the interface goes.
      await ensureRouter(
        spec({
          interfaces: [],
          floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }],
        }),
      );
      expect(await linkInfo(names.tapDeviceName(ifPort.portId), hostNs)).toBeNull();
      // No answer within 4 s (the guest's gateway is gone: its connect hangs on ARP).
      await expect(guestGet(guestNs, `http://172.24.4.1:${PORT}/`, [], 4_000)).rejects.toThrow();
      // Nor does the host reach it through its floating IP any more.
      await expect(
        run(["busybox", "ping", "-c", "1", "-W", "1", "172.24.4.50"], { netns: hostNs }),
      ).rejects.toThrow();

      await l3?.removeRouter(host, routerId);
      expect(await netnsExists(names.routerNamespace(routerId))).toBe(false);
      expect(await linkInfo(names.tapDeviceName(gwPort.portId), hostNs)).toBeNull();
      expect(await listRouters({ stateDir })).toEqual([]);

      server?.kill("SIGKILL");
      await l3?.removeOutside(host, publicNet, externalBridge);
      expect(await netnsExists(outside.namespace)).toBe(false);
      expect(await linkInfo(outside.hostDevice, hostNs)).toBeNull();
      expect(await linkInfo(outside.linkDevice, hostNs)).toBeNull();
      await expect(
        run(["nft", "list", "table", "inet", "zenith_outside"], { netns: hostNs }),
      ).rejects.toThrow();
    });
  },
);
