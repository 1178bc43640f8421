/**
 * The network agent process side over a real WebSocket: it dials the
 * control plane with the host's credential, says hello (driver, tunnel
 * endpoint, physical networks, applied state), converges the desired state
 * it is sent and reports it; after the control plane comes back its hello
 * carries what is applied. Also: `auto` falls back to fake, saying why.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { NetworkAgent } from "../src/agent.ts";
import { FakeDriver } from "../src/driver/fake.ts";
import { chooseDriver } from "../src/driver-choice.ts";
import { desired, port, router, vxlanNetwork } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";
import { waitFor } from "./wait.ts";

const logger = createLogger("network-agent-test", "silent");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("network agent", () => {
  it("says hello, converges what it is sent, reports it, and carries it in the hello after a control-plane restart", async () => {
    const control = new TinyControl();
    await control.start();
    cleanups.push(() => control.stop());
    const dataDir = await mkdtemp(join(tmpdir(), "net-agent-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const driver = new FakeDriver();
    control.desired = desired({
      networks: [vxlanNetwork("net-1", 7)],
      ports: [port("port-1", "net-1", { generation: 2 })],
    });
    const agent = new NetworkAgent({
      host: "host-1",
      controlUrl: control.url,
      token: async () => control.token,
      dataDir,
      driver,
      tunnelIp: "192.0.2.10",
      physicalNetworks: ["public"],
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    await agent.start();
    cleanups.push(() => agent.stop());

    await waitFor("the first hello", () => control.of("hello").length === 1);
    expect(control.of("hello")[0]).toMatchObject({
      host: "host-1",
      driver: "fake",
      tunnelIp: "192.0.2.10",
      physicalNetworks: ["public"],
      applied: { ports: [], dhcp: [], routers: [], errors: [] },
    });
    await waitFor("the port reported wired", () =>
      control.of("report").some((r) => r.applied.ports.some((p) => p.id === "port-1" && p.generation === 2)),
    );
    expect(driver.ports.has("port-1")).toBe(true);

    const rpcId = randomUUID();
    control.send({ type: "rpc", id: rpcId, method: "ping" });
    await waitFor("the ping answered", () => control.of("rpcResult").some((r) => r.id === rpcId && r.ok));

    // The control plane goes away and comes back on the same port.
    await control.stop();
    await control.start();
    await waitFor("a second hello", () => control.of("hello").length === 2);
    expect(control.of("hello")[1]?.applied.ports).toEqual([{ id: "port-1", generation: 2 }]);
    expect(control.invalid).toEqual([]);
  });

  it("samples its routers' and floating IPs' counters and ships them with the host's credential", async () => {
    const control = new TinyControl();
    await control.start();
    cleanups.push(() => control.stop());
    const dataDir = await mkdtemp(join(tmpdir(), "net-agent-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    control.desired = desired({
      networks: [vxlanNetwork("net-1", 7)],
      routers: [
        {
          ...router("r-1", ["net-1"]),
          gateway: {
            portId: "gw-1",
            networkId: "net-1",
            mac: "fa:16:3e:00:02:00",
            fixedIps: [{ subnetId: "s", address: "172.24.4.10", prefixLength: 24, ipVersion: 4 }],
            nexthop: "172.24.4.1",
          },
          floatingIps: [{ id: "fip-1", floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }],
        },
      ],
    });
    const agent = new NetworkAgent({
      host: "host-1",
      controlUrl: control.url,
      token: async () => control.token,
      dataDir,
      driver: new FakeDriver(),
      tunnelIp: "192.0.2.10",
      physicalNetworks: ["public"],
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
      meteringIntervalMs: 100,
    });
    await agent.start();
    cleanups.push(() => agent.stop());

    const series = (metric: string) =>
      control.batches.flatMap((b) => b.samples.filter((s) => s.metric === metric).map((s) => s.value));
    await waitFor(
      "three samples of the router's incoming bytes",
      () => series("router.incoming.bytes").length >= 3,
    );
    expect(control.batches.every((b) => b.host === "host-1")).toBe(true);
    const incoming = series("router.incoming.bytes");
    expect(incoming.slice(1).every((v, i) => v >= (incoming[i] ?? 0))).toBe(true);
    expect(incoming.at(-1)).toBeGreaterThan(0);
    const samples = control.batches.flatMap((b) => b.samples);
    expect(samples.find((s) => s.metric === "ip.floating.outgoing.bytes")).toMatchObject({
      resource: "floating_ip",
      subject: "fip-1",
    });
    expect(new Set(samples.map((s) => s.metric))).toEqual(
      new Set([
        "router.incoming.bytes",
        "router.outgoing.bytes",
        "ip.floating.incoming.bytes",
        "ip.floating.outgoing.bytes",
      ]),
    );
    expect(control.invalid).toEqual([]);
  });

  it("auto picks linux only when networking can really be changed, else fake, saying why", async () => {
    const warnings: string[] = [];
    const spy = (reason: string) => {
      warnings.push(reason);
    };
    expect(await chooseDriver("auto", spy, async () => ({ ok: false, reason: "no CAP_NET_ADMIN" }))).toBe(
      "fake",
    );
    expect(warnings).toEqual(["no CAP_NET_ADMIN"]);
    expect(await chooseDriver("auto", spy, async () => ({ ok: true }))).toBe("linux");
    expect(await chooseDriver("fake", spy, async () => ({ ok: true }))).toBe("fake");
  });
});
