/**
 * End to end: the real network agent (fake driver) on the real control
 * plane. The default router1 (demo's, with its gateway on public) and a
 * floating IP of demo's land on the agent's host; the agent's counters
 * arrive as samples and the demo member reads them back through Gnocchi's
 * measures API.
 */
import { NetworkAgent } from "@zenith/network-agent/agent";
import { FakeDriver } from "@zenith/network-agent/fake";
import { testDatabases, waitFor } from "@zenith/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MeteringCloud, startMeteringCloud } from "./harness.ts";

describe.each(testDatabases())("network agent metering, end to end ($label)", (database) => {
  let env: MeteringCloud;
  const driver = new FakeDriver();

  beforeAll(async () => {
    env = await startMeteringCloud(database, "metering_net");
    const { stateDir, ...common } = await env.agentOptions("net-meter-1");
    await env.run(
      new NetworkAgent({
        ...common,
        dataDir: stateDir,
        driver,
        tunnelIp: "192.0.2.10",
        physicalNetworks: ["public"],
      }),
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  it("stores the router's and the floating IP's byte counters, readable by the project's member", async () => {
    const { client } = env.cloud;
    const demo = await env.cloud.memberToken();
    const net = (method: string, path: string, body?: unknown) =>
      client.request(method, `/networking/v2.0${path}`, { token: demo, ...(body ? { body } : {}) });
    const routerId: string = (await net("GET", "/routers?name=router1")).body.routers[0].id;
    const privateId: string = (await net("GET", "/networks?name=private")).body.networks[0].id;
    const publicId: string = (await net("GET", "/networks?name=public")).body.networks[0].id;
    const port = await net("POST", "/ports", { port: { network_id: privateId } });
    expect(port.status).toBe(201);
    const fip = await net("POST", "/floatingips", {
      floatingip: { floating_network_id: publicId, port_id: port.body.port.id },
    });
    expect(fip.status).toBe(201);
    const fipId: string = fip.body.floatingip.id;

    // The router and its floating IP are served by this host.
    await waitFor(() => driver.routers.get(routerId)?.floatingIps.some((f) => f.id === fipId) === true, {
      timeoutMs: 30_000,
      what: "the floating IP on the agent's router",
    });

    const series = async (type: string, id: string, metric: string) => {
      let last: Array<[string, number, number]> = [];
      await waitFor(
        async () => {
          const answer = await env.measures(demo, type, id, metric);
          last = answer.measures;
          return answer.status === 200 && last.length > 0;
        },
        { timeoutMs: 30_000, what: `measures of ${metric}` },
      );
      return last;
    };
    for (const metric of ["router.incoming.bytes", "router.outgoing.bytes"]) {
      const measures = await series("router", routerId, metric);
      for (const [time, granularity, value] of measures) {
        expect(Number.isNaN(Date.parse(time))).toBe(false);
        expect(granularity).toBeGreaterThan(0);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    for (const metric of ["ip.floating.incoming.bytes", "ip.floating.outgoing.bytes"])
      expect((await series("floating_ip", fipId, metric)).length).toBeGreaterThan(0);
  });
});
