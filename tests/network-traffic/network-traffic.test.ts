/**
 * Issue 9 item 6, real traffic through the whole stack: the control plane,
 * two hosts (each a namespace with its compute agent on QEMU/TCG and its
 * network agent on the linux driver, joined by a VXLAN underlay), zenith-tiny
 * guests driven through their serial consoles, everything through the real
 * APIs. One stack for all cases (starting it and booting guests is the
 * cost); guests boot in parallel in beforeAll. See harness.ts for the
 * topology and the cleanup.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allowIcmp,
  consoleLog,
  createServer,
  guestEventuallyPings,
  guestPings,
  Host,
  inGuest,
  interfaceResourceOf,
  meteredMax,
  missingParts,
  poll,
  portOf,
  run,
  Stack,
  trace,
  tryRun,
  waitActive,
  waitConsole,
} from "./harness.ts";

const missing = missingParts();
const title = `network traffic through the whole stack${missing.length ? ` (skipped: this machine lacks ${missing.join(", ")})` : ""}`;

/** The test host in the outside world (reserved on `public` so no floating IP takes it). */
const TEST_HOST_IP = "172.24.4.250";
const CIDR = "10.90.0.0/24";
/** A public key for case 8's key pair (only its count reaches the guest; no one logs in with it). */
const TRAFFIC_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOCUnbfh3zjrrmsAyQVqF39DMyTr5cH0O7yhtNk34luY traffic@zenith";

describe.skipIf(missing.length > 0)(title, () => {
  const stack = new Stack();
  let h1: Host;
  let h2: Host;
  let publicId = "";
  let netA = "";
  let subnetA = "";
  let routerA = "";
  let netDemo = "";
  const guests = { g1: "", g3: "", g2: "", d1: "", n1: "" };
  /** The floating IP case 3 pinged (case 7 reads its counters). */
  let pingedFip = "";
  const ips = { g1: "", g3: "", g2: "", d1: "", n1: "" };

  beforeAll(async () => {
    await stack.start();
    const ns1 = await stack.addNamespace("h1");
    const ns2 = await stack.addNamespace("h2");
    // The underlay: one veth pair between the two host namespaces; tunnel addresses from 198.18.0.0/15.
    await run([
      "ip",
      "link",
      "add",
      "ul0",
      "netns",
      ns1,
      "type",
      "veth",
      "peer",
      "name",
      "ul0",
      "netns",
      ns2,
    ]);
    await run(["ip", "addr", "add", "198.18.0.1/24", "dev", "ul0"], { netns: ns1 });
    await run(["ip", "addr", "add", "198.18.0.2/24", "dev", "ul0"], { netns: ns2 });
    await run(["ip", "link", "set", "ul0", "up"], { netns: ns1 });
    await run(["ip", "link", "set", "ul0", "up"], { netns: ns2 });
    await stack.exposeControlIn(ns1);
    await stack.exposeControlIn(ns2);
    h1 = new Host(stack, "h1", ns1, "198.18.0.1");
    h2 = new Host(stack, "h2", ns2, "198.18.0.2");
    await h1.startAndWaitUp();
    await h2.startAndWaitUp();

    const nets = await stack.ok("GET", "/networking/v2.0/networks?name=public", undefined, 200);
    publicId = String((nets.networks as Array<{ id: string }>)[0]?.id ?? "");
    expect(publicId).not.toBe("");
    // Keep the test host's address out of the floating IP pool.
    await stack.ok(
      "POST",
      "/networking/v2.0/ports",
      {
        port: { network_id: publicId, name: "traffic-test-host", fixed_ips: [{ ip_address: TEST_HOST_IP }] },
      },
      201,
    );

    // Tenant A (admin): net-a behind router-a with a gateway on public.
    netA = String(
      (
        (await stack.ok("POST", "/networking/v2.0/networks", { network: { name: "net-a" } }, 201))
          .network as {
          id: string;
        }
      ).id,
    );
    subnetA = String(
      (
        (
          await stack.ok(
            "POST",
            "/networking/v2.0/subnets",
            { subnet: { network_id: netA, ip_version: 4, cidr: CIDR, name: "sub-a" } },
            201,
          )
        ).subnet as { id: string }
      ).id,
    );
    routerA = String(
      (
        (
          await stack.ok(
            "POST",
            "/networking/v2.0/routers",
            { router: { name: "router-a", external_gateway_info: { network_id: publicId } } },
            201,
          )
        ).router as { id: string }
      ).id,
    );
    await stack.ok(
      "PUT",
      `/networking/v2.0/routers/${routerA}/add_router_interface`,
      { subnet_id: subnetA },
      200,
    );

    // Tenant demo: the same CIDR, its own network (addresses from a pool tenant A's guests never get).
    netDemo = String(
      (
        (await stack.ok("POST", "/networking/v2.0/networks", { network: { name: "net-d" } }, 201, "demo"))
          .network as { id: string }
      ).id,
    );
    await stack.ok(
      "POST",
      "/networking/v2.0/subnets",
      {
        subnet: {
          network_id: netDemo,
          ip_version: 4,
          cidr: CIDR,
          name: "sub-d",
          allocation_pools: [{ start: "10.90.0.200", end: "10.90.0.250" }],
        },
      },
      201,
      "demo",
    );

    // A new user's first launch (case 8): demo, on the `private` network Zenith made at first
    // start (behind `router1`, gateway on `public`), with a key pair.
    const privateNet = await stack.ok(
      "GET",
      "/networking/v2.0/networks?name=private",
      undefined,
      200,
      "demo",
    );
    const privateId = String((privateNet.networks as Array<{ id: string }>)[0]?.id ?? "");
    expect(privateId).not.toBe("");
    await stack.ok(
      "POST",
      "/compute/v2.1/os-keypairs",
      { keypair: { name: "traffic-key", public_key: TRAFFIC_KEY } },
      200,
      "demo",
    );
    guests.n1 = await createServer(stack, h2, "vm-n1", privateId, "demo", { key_name: "traffic-key" });
    guests.g1 = await createServer(stack, h1, "vm-g1", netA);
    guests.g3 = await createServer(stack, h1, "vm-g3", netA);
    guests.g2 = await createServer(stack, h2, "vm-g2", netA);
    guests.d1 = await createServer(stack, h1, "vm-d1", netDemo, "demo");
    await Promise.all([
      waitActive(stack, guests.g1),
      waitActive(stack, guests.g3),
      waitActive(stack, guests.g2),
      waitActive(stack, guests.d1, "demo"),
      waitActive(stack, guests.n1, "demo"),
    ]);
    for (const k of ["g1", "g3", "g2", "d1", "n1"] as const) ips[k] = (await portOf(stack, guests[k])).ip;
    trace(`guests ACTIVE: ${JSON.stringify(ips)}`);
    // Every guest got its lease and its metadata.
    await Promise.all(
      (["g1", "g3", "g2", "d1", "n1"] as const).map((k) =>
        waitConsole(stack, guests[k], /zenith-tiny metadata: /, k === "d1" || k === "n1" ? "demo" : "admin"),
      ),
    );
  }, 600_000);

  afterAll(async () => {
    await stack.close();
    // Every namespace the run made (its hosts', their outside worlds, the agents' DHCP and router ones) is gone.
    expect(stack.leftovers()).toEqual([]);
  }, 120_000);

  it("1. two guests on one tenant network ping each other; each got its address by DHCP and its hostname from the metadata service", async () => {
    for (const k of ["g1", "g3"] as const) {
      const log = await consoleLog(stack, guests[k]);
      expect(log).toContain(`zenith-tiny dhcp: eth0 ${ips[k]}/`);
      expect(log).toContain(`zenith-tiny metadata: hostname vm-${k}`);
      expect((await portOf(stack, guests[k])).status).toBe("ACTIVE");
    }
    expect(await guestEventuallyPings(stack, guests.g1, ips.g3)).toBe(true);
    expect(await guestPings(stack, guests.g3, ips.g1)).toBe(true);
  });

  it("5. two hosts carry one tenant network over VXLAN between a guest on each", async () => {
    expect(await consoleLog(stack, guests.g2)).toContain(`zenith-tiny dhcp: eth0 ${ips.g2}/`);
    // The tenant network really is a VXLAN device on each host's underlay address.
    for (const h of [h1, h2]) {
      const links = await run(["ip", "-d", "-j", "link", "show", "type", "vxlan"], { netns: h.ns });
      expect(links).toContain(h.tunnelIp);
    }
    expect(await guestEventuallyPings(stack, guests.g1, ips.g2)).toBe(true);
    expect(await guestPings(stack, guests.g2, ips.g3)).toBe(true);
  });

  /** The host whose network agent runs router-a (placement is automatic). */
  const routerHost = async (): Promise<Host> => {
    const body = await stack.ok("GET", `/networking/v2.0/routers/${routerA}/l3-agents`, undefined, 200);
    const name = (body.agents as Array<{ host: string }>)[0]?.host;
    const host = [h1, h2].find((h) => h.name === name);
    if (!host) throw new Error(`router-a is on no host of this run: ${JSON.stringify(body)}`);
    return host;
  };

  /** The router's address on public (what SNAT rewrites guests' packets to). */
  const gatewayIp = async (): Promise<string> => {
    const body = await stack.ok("GET", `/networking/v2.0/routers/${routerA}`, undefined, 200);
    const info = (
      body.router as { external_gateway_info: { external_fixed_ips: Array<{ ip_address: string }> } }
    ).external_gateway_info;
    return info.external_fixed_ips[0]?.ip_address ?? "";
  };

  let testHostNs = "";
  /** A test host in the outside world of router-a's host: a namespace on its br-ex, answering who called. */
  const ensureTestHost = async (): Promise<void> => {
    if (testHostNs !== "") return;
    const host = await routerHost();
    await poll(`br-ex in ${host.outsideNs}`, () =>
      tryRun(["ip", "link", "show", "br-ex"], { netns: host.outsideNs }),
    );
    testHostNs = await stack.addNamespace("th");
    await run([
      "ip",
      "link",
      "add",
      "eth0",
      "netns",
      testHostNs,
      "type",
      "veth",
      "peer",
      "name",
      `th-${stack.suffix}`,
      "netns",
      host.outsideNs,
    ]);
    await run(["ip", "link", "set", `th-${stack.suffix}`, "master", "br-ex", "up"], {
      netns: host.outsideNs,
    });
    await run(["ip", "addr", "add", `${TEST_HOST_IP}/24`, "dev", "eth0"], { netns: testHostNs });
    await run(["ip", "link", "set", "eth0", "up"], { netns: testHostNs });
    // An HTTP answer carrying the caller's address as the test host saw it (socat sets SOCAT_PEERADDR).
    const script = join(stack.root, "peer.sh");
    writeFileSync(script, `#!/bin/sh\nprintf 'HTTP/1.0 200 OK\\r\\n\\r\\npeer=%s\\n' "$SOCAT_PEERADDR"\n`, {
      mode: 0o755,
    });
    stack.spawnHelper([
      "ip",
      "netns",
      "exec",
      testHostNs,
      "socat",
      `TCP-LISTEN:8080,bind=${TEST_HOST_IP},reuseaddr,fork`,
      `EXEC:${script}`,
    ]);
  };

  /** What the test host answers the guest (its view of the caller), or undefined when unreachable. */
  const askTestHost = async (guest: string): Promise<string | undefined> => {
    const { output, status } = await inGuest(
      stack,
      guest,
      `timeout 5 wget -q -O - http://${TEST_HOST_IP}:8080/`,
    );
    if (status !== 0) return undefined;
    return /peer=([0-9.]+)/.exec(output)?.[1];
  };

  it("2. a guest reaches a test host in the outside world through SNAT, and nothing beyond it", async () => {
    await ensureTestHost();
    const gw = await gatewayIp();
    expect(gw).toMatch(/^172\.24\.4\./);
    const seen = await poll("the test host to answer g1", async () => askTestHost(guests.g1), {
      timeoutMs: 60_000,
    });
    expect(seen).toBe(gw);
    // Nothing beyond: the outside world has no route anywhere else (no default route, no NAT out).
    const host = await routerHost();
    expect(await tryRun(["ip", "route", "get", "198.51.100.7"], { netns: host.outsideNs })).toBe(false);
    const routes = await run(["ip", "route", "show", "default"], { netns: host.outsideNs });
    expect(routes.trim()).toBe("");
  });

  it("3. the host reaches a guest's floating IP only while an ICMP ingress rule allows it", async () => {
    const port = await portOf(stack, guests.g1);
    const fip = (
      await stack.ok(
        "POST",
        "/networking/v2.0/floatingips",
        { floatingip: { floating_network_id: publicId, port_id: port.id } },
        201,
      )
    ).floatingip as { id: string; floating_ip_address: string };
    const address = fip.floating_ip_address;
    pingedFip = fip.id;
    // Until the router applies it, the address sits on the router's gateway device and the router itself would answer.
    await poll(`floating IP ${address} ACTIVE`, async () => {
      const body = await stack.ok("GET", `/networking/v2.0/floatingips/${fip.id}`, undefined, 200);
      return (body.floatingip as { status: string }).status === "ACTIVE";
    });
    const host = await routerHost();
    // Only ever through the device Zenith made in the host's namespace: its routed link to the outside world.
    await poll(`a route to ${address} inside ${host.ns}`, async () => {
      const out = await run(["ip", "-j", "route", "get", address], { netns: host.ns }).catch(() => "[]");
      const dev = (JSON.parse(out) as Array<{ dev?: string }>)[0]?.dev;
      return dev === "zenith-ex";
    });
    const hostPings = (count: number) =>
      tryRun(["busybox", "ping", "-c", String(count), "-W", "1", address], {
        netns: host.ns,
        timeoutMs: 20_000,
      });

    // The default group lets in only its own members: no answer yet.
    expect(await hostPings(2)).toBe(false);
    const groups = await stack.ok("GET", "/networking/v2.0/security-groups?name=default", undefined, 200);
    const adminProject = (
      (await stack.ok("GET", `/networking/v2.0/ports/${port.id}`, undefined, 200)).port as {
        project_id: string;
      }
    ).project_id;
    const group = (groups.security_groups as Array<{ id: string; project_id: string }>).find(
      (g) => g.project_id === adminProject,
    );
    if (!group) throw new Error(`no default group of ${adminProject}: ${JSON.stringify(groups)}`);
    const rule = await allowIcmp(stack, group.id);
    await poll(`ping of ${address} after the rule`, () => hostPings(1), { timeoutMs: 60_000 });
    expect(await hostPings(3)).toBe(true);

    await stack.ok("DELETE", `/networking/v2.0/security-group-rules/${rule}`, undefined, 204);
    await poll(`no ping of ${address} once the rule is gone`, async () => !(await hostPings(1)), {
      timeoutMs: 60_000,
    });
    expect(await hostPings(3)).toBe(false);
    // Released: g1 goes out through the router's SNAT again (case 4 counts on it).
    await stack.ok("DELETE", `/networking/v2.0/floatingips/${fip.id}`, undefined, 204);
  });

  it("8. a new user on what Zenith makes at first start: demo's guest on `private` took its hostname and key from the metadata service, and the host pings its floating IP from `public` once demo's default group allows ICMP", async () => {
    // The metadata service gave the guest its name and demo's one key.
    const log = await consoleLog(stack, guests.n1, "demo");
    expect(log).toMatch(/zenith-tiny metadata: hostname vm-n1, 1 public keys/);

    const port = await portOf(stack, guests.n1);
    const fip = (
      await stack.ok(
        "POST",
        "/networking/v2.0/floatingips",
        { floatingip: { floating_network_id: publicId, port_id: port.id } },
        201,
        "demo",
      )
    ).floatingip as { id: string; floating_ip_address: string; router_id: string };
    const address = fip.floating_ip_address;
    const router1 = (
      (await stack.ok("GET", "/networking/v2.0/routers?name=router1", undefined, 200, "demo"))
        .routers as Array<{
        id: string;
      }>
    )[0];
    expect(fip.router_id).toBe(router1?.id);
    await poll(`floating IP ${address} ACTIVE`, async () => {
      const body = await stack.ok("GET", `/networking/v2.0/floatingips/${fip.id}`, undefined, 200, "demo");
      return (body.floatingip as { status: string }).status === "ACTIVE";
    });
    const agents = await stack.ok("GET", `/networking/v2.0/routers/${router1?.id}/l3-agents`, undefined, 200);
    const host = [h1, h2].find((h) => h.name === (agents.agents as Array<{ host: string }>)[0]?.host);
    if (!host) throw new Error(`router1 is on no host of this run: ${JSON.stringify(agents)}`);
    const hostPings = (count: number) =>
      tryRun(["busybox", "ping", "-c", String(count), "-W", "1", address], {
        netns: host.ns,
        timeoutMs: 20_000,
      });

    expect(await hostPings(2)).toBe(false);
    const groups = await stack.ok(
      "GET",
      "/networking/v2.0/security-groups?name=default",
      undefined,
      200,
      "demo",
    );
    const group = (groups.security_groups as Array<{ id: string }>)[0];
    if (!group) throw new Error(`demo has no default group: ${JSON.stringify(groups)}`);
    const rule = await allowIcmp(stack, group.id, "demo");
    await poll(`ping of ${address} after the rule`, () => hostPings(1), { timeoutMs: 60_000 });
    expect(await hostPings(3)).toBe(true);
    await stack.ok("DELETE", `/networking/v2.0/security-group-rules/${rule}`, undefined, 204, "demo");
    await stack.ok("DELETE", `/networking/v2.0/floatingips/${fip.id}`, undefined, 204, "demo");
  });

  it("7. the metric API shows the traffic: g1's NIC counters rise while it pings, router-a's gateway and the floating IP count bytes", async () => {
    const nic = await poll("g1's network interface in the metric API", () =>
      interfaceResourceOf(stack, guests.g1),
    );
    const before = await meteredMax(stack, "instance_network_interface", nic, "network.outgoing.packets");
    expect(await guestPings(stack, guests.g1, ips.g3, 10)).toBe(true);
    // The compute agent reads the tap's counters every 2 s: g1's 10 echo requests (and its ARP) show within a few samples.
    const after = await poll(
      "g1's sent packets to rise by the 10 pings",
      async () => {
        const now = await meteredMax(stack, "instance_network_interface", nic, "network.outgoing.packets");
        return now >= before + 10 ? now : undefined;
      },
      { timeoutMs: 60_000 },
    );
    trace(`g1's sent packets in the metric API: ${before} → ${after}`);
    expect(
      await meteredMax(stack, "instance_network_interface", nic, "network.incoming.bytes"),
    ).toBeGreaterThan(0);
    // Case 2's HTTP exchange left through router-a's gateway (SNAT) and its answer came back.
    expect(await meteredMax(stack, "router", routerA, "router.outgoing.bytes")).toBeGreaterThan(0);
    expect(await meteredMax(stack, "router", routerA, "router.incoming.bytes")).toBeGreaterThan(0);
    // Case 3's pings of the floating IP: at least the 4 answered echo requests of 84 bytes each came in.
    expect(pingedFip).not.toBe("");
    expect(
      await meteredMax(stack, "floating_ip", pingedFip, "ip.floating.incoming.bytes"),
    ).toBeGreaterThanOrEqual(4 * 84);
    expect(
      await meteredMax(stack, "floating_ip", pingedFip, "ip.floating.outgoing.bytes"),
    ).toBeGreaterThanOrEqual(4 * 84);
    // Another project sees none of it.
    const foreign = await stack.api(
      "GET",
      `/metric/v1/resource/instance_network_interface/${nic}`,
      undefined,
      "demo",
    );
    expect(foreign.status).toBe(404);
  });

  it("6. kill -9 of the network agent and of the control plane during a ping run: pings go on, state converges", async () => {
    const before = await portOf(stack, guests.g1);
    const bridge = `brq${netA.slice(0, 11)}`;
    const bridgeIndex = await run(["cat", `/sys/class/net/${bridge}/ifindex`], { netns: h1.ns });
    // A bounded ping run inside the guest, in the background (the console goes through the control plane we kill).
    await inGuest(stack, guests.g1, `(ping -c 40 -W 1 ${ips.g3} > /run/ping.log 2>&1 &)`);
    await h1.kill9Network();
    await stack.kill9Control();
    h1.startNetwork();
    await stack.startControl();
    trace("6: network agent and control plane restarted; waiting for the ping run to end");
    const { output } = await poll(
      "the ping run to end",
      async () => {
        // The console is refused while the agent has not reconnected to the restarted control plane.
        const r = await inGuest(stack, guests.g1, "cat /run/ping.log").catch(() => undefined);
        return r && / packets received/.test(r.output) ? r : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 3000 },
    );
    const m = /(\d+) packets transmitted, (\d+) packets received/.exec(output);
    expect(m).not.toBeNull();
    const lost = Number(m?.[1]) - Number(m?.[2]);
    trace(`ping run across the kills: ${m?.[0]}`);
    expect(Number(m?.[1])).toBe(40);
    expect(lost).toBeLessThanOrEqual(3);

    // Converged: the port ACTIVE again, the same bridge (not recreated), one port, one DHCP namespace.
    trace("6: ping run read; waiting for g1's port to be ACTIVE");
    await poll(
      "g1's port ACTIVE after the restarts",
      async () => (await portOf(stack, guests.g1)).status === "ACTIVE",
    );
    const after = await portOf(stack, guests.g1);
    expect(after.id).toBe(before.id);
    expect(after.ip).toBe(before.ip);
    expect(await run(["cat", `/sys/class/net/${bridge}/ifindex`], { netns: h1.ns })).toBe(bridgeIndex);
    const bridges = await run(["ip", "-j", "link", "show", "type", "bridge"], { netns: h1.ns });
    expect(bridges.split(`"${bridge}"`).length - 1).toBe(1);
    const onNet = await stack.ok("GET", `/networking/v2.0/ports?network_id=${netA}`, undefined, 200);
    const guestPorts = (onNet.ports as Array<{ device_owner: string }>).filter((p) =>
      p.device_owner.startsWith("compute:"),
    );
    expect(guestPorts).toHaveLength(3);
    const namespaces = await run(["ip", "netns", "list"]);
    expect(namespaces.split("\n").filter((l) => l.startsWith(`qdhcp-${netA}`)).length).toBe(1);
    trace("6: converged; g1 pings g3 once more");
    expect(await guestPings(stack, guests.g1, ips.g3)).toBe(true);
    trace("6: done");
  });

  it("4. two tenants with the same CIDR cannot reach each other; removing the router interface cuts external access", async () => {
    expect(await consoleLog(stack, guests.d1, "demo")).toContain(`zenith-tiny dhcp: eth0 ${ips.d1}/`);
    expect(ips.d1).toMatch(/^10\.90\.0\./);
    expect(ips.g1).toMatch(/^10\.90\.0\./);
    const crossed = await inGuest(stack, guests.g1, `ping -c 3 -W 1 ${ips.d1}`);
    expect(crossed.output).toMatch(/3 packets transmitted, 0 packets received/);
    const back = await inGuest(stack, guests.d1, `ping -c 3 -W 1 ${ips.g1}`, "demo");
    expect(back.output).toMatch(/3 packets transmitted, 0 packets received/);

    await ensureTestHost();
    expect(
      await poll("g1 to reach the test host", async () => askTestHost(guests.g1), { timeoutMs: 60_000 }),
    ).toBe(await gatewayIp());
    await stack.ok(
      "PUT",
      `/networking/v2.0/routers/${routerA}/remove_router_interface`,
      { subnet_id: subnetA },
      200,
    );
    await poll(
      "g1 cut off from the outside world",
      async () => (await askTestHost(guests.g1)) === undefined,
      {
        timeoutMs: 60_000,
      },
    );
    expect(await askTestHost(guests.g1)).toBeUndefined();
  });
});
