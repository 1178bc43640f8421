import { describe, expect, it } from "vitest";
import { createNeutronClient, neutronV2Url } from "../src/neutron/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

const network = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `net-${id}`,
  status: "ACTIVE",
  admin_state_up: true,
  subnets: [],
  ...extra,
});

function client(routes: Parameters<typeof fakeFetch>[0], endpoint = "http://c/networking") {
  const fake = fakeFetch(routes);
  return { fake, neutron: createNeutronClient({ endpoint, token: "tok", fetch: fake.fetch }) };
}

describe("URL building", () => {
  it("appends /v2.0 once, whatever the catalog's form", () => {
    expect(neutronV2Url("http://c/networking")).toBe("http://c/networking/v2.0");
    expect(neutronV2Url("http://c/networking/")).toBe("http://c/networking/v2.0");
    expect(neutronV2Url("http://c:9696/v2.0")).toBe("http://c:9696/v2.0");
    expect(neutronV2Url("http://c:9696/v2.0//")).toBe("http://c:9696/v2.0");
  });

  it("sends requests under /v2.0 with the token", async () => {
    const { fake, neutron } = client(
      [{ path: "/networking/v2.0/networks/n%2F1", body: { network: network("n/1") } }],
      "http://c/networking/v2.0/",
    );
    expect((await neutron.networks.get("n/1")).id).toBe("n/1");
    expect(fake.calls[0]?.url).toBe("http://c/networking/v2.0/networks/n%2F1");
    expect(fake.calls[0]?.headers.get("x-auth-token")).toBe("tok");
  });

  it("repeats a query key for each value of an array (Neutron's multi-valued filters)", async () => {
    const { fake, neutron } = client([{ path: /^\/networking\/v2\.0\/ports\?/, body: { ports: [] } }]);
    await neutron.ports.list({ device_id: ["a", "b"], fields: ["id", "name"], network_id: "n1" });
    const url = new URL(fake.calls[0]?.url ?? "");
    expect(url.searchParams.getAll("device_id")).toEqual(["a", "b"]);
    expect(url.searchParams.getAll("fields")).toEqual(["id", "name"]);
    expect(url.searchParams.get("network_id")).toBe("n1");
  });
});

describe("listAll", () => {
  const next = (marker: string) => [
    { rel: "next", href: `http://c/networking/v2.0/networks?limit=2&marker=${marker}` },
  ];

  it("follows next links by the last item's id and stops at the page without one", async () => {
    const { fake, neutron } = client([
      {
        path: "/networking/v2.0/networks?limit=2&marker=n2",
        body: { networks: [network("n3"), network("n4")], networks_links: next("n4") },
      },
      {
        path: "/networking/v2.0/networks?limit=2&marker=n4",
        body: { networks: [network("n5")], networks_links: [] },
      },
      {
        path: "/networking/v2.0/networks?limit=2",
        body: { networks: [network("n1"), network("n2")], networks_links: next("n2") },
      },
    ]);
    const all = await neutron.networks.listAll({ limit: 2 });
    expect(all.map((n) => n.id)).toEqual(["n1", "n2", "n3", "n4", "n5"]);
    expect(fake.calls).toHaveLength(3);
  });

  it("makes one request when the cloud does not page", async () => {
    const { fake, neutron } = client([
      { path: "/networking/v2.0/networks", body: { networks: [network("n1"), network("n2")] } },
    ]);
    expect(await neutron.networks.listAll()).toHaveLength(2);
    expect(fake.calls).toHaveLength(1);
  });

  it("stops on an empty page even when it carries a next link", async () => {
    const { fake, neutron } = client([
      {
        path: "/networking/v2.0/networks?limit=2",
        body: { networks: [network("n1")], networks_links: next("n1") },
      },
      {
        path: "/networking/v2.0/networks?limit=2&marker=n1",
        body: { networks: [], networks_links: next("n1") },
      },
    ]);
    expect((await neutron.networks.listAll({ limit: 2 })).map((n) => n.id)).toEqual(["n1"]);
    expect(fake.calls).toHaveLength(2);
  });

  it("stops when the cloud ignores the marker and sends the same page again", async () => {
    const { fake, neutron } = client([
      {
        path: /^\/networking\/v2\.0\/networks\?limit=2/,
        body: { networks: [network("n1"), network("n2")], networks_links: next("n2") },
      },
    ]);
    expect((await neutron.networks.listAll({ limit: 2 })).map((n) => n.id)).toEqual(["n1", "n2"]);
    expect(fake.calls).toHaveLength(2);
  });
});

describe("request bodies", () => {
  it("wraps each resource in its singular key", async () => {
    const { fake, neutron } = client([
      { method: "POST", path: "/networking/v2.0/networks", status: 201, body: { network: network("n1") } },
      {
        method: "PUT",
        path: "/networking/v2.0/floatingips/f1",
        body: {
          floatingip: {
            id: "f1",
            floating_network_id: "ext",
            floating_ip_address: "172.24.4.9",
            fixed_ip_address: null,
            port_id: null,
            router_id: null,
            status: "DOWN",
          },
        },
      },
      {
        method: "POST",
        path: "/networking/v2.0/security-group-rules",
        status: 201,
        body: {
          security_group_rule: {
            id: "r1",
            security_group_id: "sg1",
            direction: "ingress",
            ethertype: "IPv4",
            protocol: "tcp",
            port_range_min: 22,
            port_range_max: 22,
            remote_ip_prefix: "0.0.0.0/0",
            remote_group_id: null,
          },
        },
      },
      { method: "PUT", path: "/networking/v2.0/quotas/p1", body: { quota: { network: 7 } } },
      {
        method: "PUT",
        path: "/networking/v2.0/routers/r1/add_router_interface",
        body: { id: "r1", subnet_id: "s1", port_id: "p9" },
      },
      { method: "DELETE", path: "/networking/v2.0/ports/p1", status: 204 },
    ]);
    await neutron.networks.create({ name: "n", "router:external": false });
    await neutron.floatingIps.update("f1", { port_id: null });
    await neutron.securityGroupRules.create({
      security_group_id: "sg1",
      direction: "ingress",
      protocol: "tcp",
      port_range_min: 22,
      port_range_max: 22,
    });
    await neutron.quotas.update("p1", { network: 7 });
    await neutron.routers.addInterface("r1", { subnet_id: "s1" });
    await neutron.ports.delete("p1");
    expect(fake.calls.map((c) => [c.method, c.body])).toEqual([
      ["POST", { network: { name: "n", "router:external": false } }],
      ["PUT", { floatingip: { port_id: null } }],
      [
        "POST",
        {
          security_group_rule: {
            security_group_id: "sg1",
            direction: "ingress",
            protocol: "tcp",
            port_range_min: 22,
            port_range_max: 22,
          },
        },
      ],
      ["PUT", { quota: { network: 7 } }],
      // Router interfaces are not wrapped: upstream reads the bare body.
      ["PUT", { subnet_id: "s1" }],
      ["DELETE", undefined],
    ]);
  });
});

describe("errors", () => {
  it("takes the message out of Neutron's NeutronError body", async () => {
    const { neutron } = client([
      {
        method: "DELETE",
        path: "/networking/v2.0/networks/n1",
        status: 409,
        body: {
          NeutronError: {
            type: "NetworkInUse",
            message:
              "Unable to complete operation on network n1. There are one or more ports still in use on the network.",
            detail: "",
          },
        },
        headers: { "x-openstack-request-id": "req-9" },
      },
    ]);
    await expect(neutron.networks.delete("n1")).rejects.toMatchObject({
      name: "OpenStackError",
      status: 409,
      message:
        "Unable to complete operation on network n1. There are one or more ports still in use on the network.",
      requestId: "req-9",
    });
  });

  it("answers 502 when a response is not what the API reference promises", async () => {
    const { neutron } = client([
      // No status or admin_state_up: not a network.
      { path: "/networking/v2.0/networks/n1", body: { network: { id: "n1", name: "x" } } },
      { path: "/networking/v2.0/quotas/p1/details", body: { quota: { network: { limit: 10 } } } },
    ]);
    await expect(neutron.networks.get("n1")).rejects.toMatchObject({ name: "OpenStackError", status: 502 });
    await expect(neutron.quotas.details("p1")).rejects.toMatchObject({ status: 502 });
  });
});

describe("collections with a dash in their URL", () => {
  it("read the list under the underscored key (security-groups → security_groups)", async () => {
    const { neutron } = client([
      {
        path: "/networking/v2.0/security-groups",
        body: { security_groups: [{ id: "sg1", name: "default", security_group_rules: [] }] },
      },
      { path: "/networking/v2.0/security-group-rules", body: { security_group_rules: [] } },
    ]);
    expect((await neutron.securityGroups.listAll()).map((g) => g.id)).toEqual(["sg1"]);
    expect(await neutron.securityGroupRules.listAll()).toEqual([]);
  });
});
