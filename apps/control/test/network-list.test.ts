import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, NetworkTestCloud, networkTargets } from "./network-harness.ts";

for (const target of networkTargets) {
  describe(`Network API lists: filters, sorting, pagination and fields on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    let lister: Caller;
    const nets: Array<{ id: string; name: string }> = [];
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "network_list");
      lister = await cloud.newMember("lister");
      // Names out of creation order; two share a name.
      for (const [name, up] of [
        ["delta", true],
        ["alpha", false],
        ["charlie", true],
        ["bravo", true],
        ["alpha", true],
      ] as const) {
        nets.push(await cloud.create(lister, "network", { name, admin_state_up: up, tags: [name, "all"] }));
      }
    });
    afterAll(async () => {
      await cloud?.close();
    });

    const names = (body: { networks: Array<{ name: string }> }) => body.networks.map((n) => n.name);
    const list = (query: string) => cloud.net(lister, "GET", `/networks${query}`);

    it("filters by any attribute; repeated values are alternatives", async () => {
      expect(names((await list("?name=alpha")).body).sort()).toEqual(["alpha", "alpha"]);
      expect(names((await list("?name=alpha&name=bravo&sort_key=name")).body)).toEqual([
        "alpha",
        "alpha",
        "bravo",
      ]);
      expect(names((await list("?admin_state_up=False")).body)).toEqual(["alpha"]);
      expect(names((await list("?admin_state_up=true&name=alpha")).body)).toEqual(["alpha"]);
      expect((await list(`?id=${nets[0]?.id}`)).body.networks).toHaveLength(1);
      expect((await list(`?tenant_id=${lister.project}`)).body.networks).toHaveLength(5);
      expect((await list(`?project_id=${cloud.demo.project}`)).body.networks).toHaveLength(0);
      expect((await list("?router:external=False&shared=False")).body.networks).toHaveLength(5);
      expect((await list("?mtu=1450")).body.networks).toHaveLength(5);
      expect(names((await list("?tags=bravo,all")).body)).toEqual(["bravo"]);
      expect(names((await list("?tags-any=bravo,delta&sort_key=name")).body)).toEqual(["bravo", "delta"]);
      expect((await list("?not-tags=all")).body.networks).toHaveLength(0);
      const unknown = await list("?colour=red");
      expect(unknown.status).toBe(400);
      expect(unknown.body.NeutronError.message).toBe("[colour] is invalid attribute for filtering");
      expect((await list("?shared=maybe")).status).toBe(400);
      // An attribute hidden from members by policy matches nothing rather than leaking.
      expect((await list("?provider:network_type=vxlan")).body.networks).toHaveLength(0);
      expect(
        (
          await cloud.net(
            cloud.admin,
            "GET",
            `/networks?provider:network_type=vxlan&tenant_id=${lister.project}`,
          )
        ).body.networks,
      ).toHaveLength(5);
    });

    it("sorts by sort_key/sort_dir pairs, then id", async () => {
      expect(names((await list("?sort_key=name&sort_dir=asc")).body)).toEqual([
        "alpha",
        "alpha",
        "bravo",
        "charlie",
        "delta",
      ]);
      expect(names((await list("?sort_key=name&sort_dir=desc")).body)).toEqual([
        "delta",
        "charlie",
        "bravo",
        "alpha",
        "alpha",
      ]);
      const two = (await list("?sort_key=admin_state_up&sort_dir=asc&sort_key=name&sort_dir=desc")).body;
      expect(names(two)).toEqual(["alpha", "delta", "charlie", "bravo", "alpha"]);
      const alphas = (await list("?name=alpha&sort_key=name&sort_dir=asc")).body.networks.map(
        (n: { id: string }) => n.id,
      );
      expect(alphas).toEqual([...alphas].sort());
      expect((await list("?sort_key=name&sort_dir=sideways")).status).toBe(400);
      expect((await list("?sort_key=name&sort_key=id&sort_dir=asc")).status).toBe(400);
      expect((await list("?sort_key=colour&sort_dir=asc")).status).toBe(400);
    });

    it("pages with limit and marker, with next and previous links as upstream", async () => {
      const all = (await list("?sort_key=name&sort_dir=asc")).body.networks.map((n: { id: string }) => n.id);
      const first = await list("?sort_key=name&sort_dir=asc&limit=2");
      expect(first.body.networks.map((n: { id: string }) => n.id)).toEqual(all.slice(0, 2));
      const links = first.body.networks_links as Array<{ rel: string; href: string }>;
      expect(links.map((l) => l.rel)).toEqual(["next", "previous"]);
      const next = new URL(links[0]?.href ?? "");
      expect(next.pathname).toBe("/networking/v2.0/networks");
      expect(next.searchParams.get("marker")).toBe(all[1]);
      expect(next.searchParams.get("sort_key")).toBe("name");

      // Following `next` links walks the whole list once.
      const seen: string[] = [];
      let href: string | undefined =
        `${cloud.cp.url}/networking/v2.0/networks?sort_key=name&sort_dir=asc&limit=2`;
      for (let i = 0; href && i < 10; i++) {
        const res = await cloud.cp.request("GET", href.replace(cloud.cp.url, ""), { token: lister.token });
        seen.push(...res.body.networks.map((n: { id: string }) => n.id));
        href = res.body.networks_links?.find((l: { rel: string }) => l.rel === "next")?.href;
      }
      expect(seen).toEqual(all);

      const last = await list(`?sort_key=name&sort_dir=asc&limit=2&marker=${all[3]}`);
      expect(last.body.networks.map((n: { id: string }) => n.id)).toEqual(all.slice(4));
      expect(last.body.networks_links.map((l: { rel: string }) => l.rel)).toEqual(["previous"]);

      const back = await list(`?sort_key=name&sort_dir=asc&limit=2&marker=${all[3]}&page_reverse=True`);
      expect(back.body.networks.map((n: { id: string }) => n.id)).toEqual(all.slice(1, 3));
      const prev = new URL(back.body.networks_links.find((l: { rel: string }) => l.rel === "previous").href);
      expect(prev.searchParams.get("page_reverse")).toBe("True");
      expect(prev.searchParams.get("marker")).toBe(all[1]);

      const unknownMarker = await list("?limit=2&marker=00000000-0000-4000-8000-000000000000");
      expect(unknownMarker.status).toBe(404);
      expect(unknownMarker.body.NeutronError.type).toBe("NetworkNotFound");
      expect((await list("?limit=-1")).status).toBe(400);
      expect((await list("?limit=abc")).status).toBe(400);
      expect((await list("?limit=0")).body.networks).toHaveLength(5);
    });

    it("returns only the requested fields, on lists and shows", async () => {
      const res = await list("?fields=id&fields=name&name=bravo");
      expect(res.body.networks).toEqual([{ id: nets[3]?.id, name: "bravo" }]);
      const commaSeparated = await list("?fields=id,status&name=bravo");
      expect(Object.keys(commaSeparated.body.networks[0]).sort()).toEqual(["id", "status"]);
      const show = await cloud.net(lister, "GET", `/networks/${nets[0]?.id}?fields=name&fields=mtu`);
      expect(show.body.network).toEqual({ name: "delta", mtu: 1450 });
    });

    it("filters ports by fixed IP, subnet, device and owner, as Tempest and Nova do", async () => {
      const net = await cloud.create(lister, "network", { name: "porty" });
      const a = await cloud.create(lister, "subnet", {
        network_id: net.id,
        cidr: "10.80.0.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      const b = await cloud.create(lister, "subnet", {
        network_id: net.id,
        cidr: "10.81.0.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      const p1 = await cloud.create(lister, "port", {
        network_id: net.id,
        fixed_ips: [{ subnet_id: a.id, ip_address: "10.80.0.10" }],
        device_id: "vm-1",
        device_owner: "compute:nova",
      });
      const p2 = await cloud.create(lister, "port", {
        network_id: net.id,
        fixed_ips: [{ subnet_id: b.id, ip_address: "10.81.0.20" }],
        device_id: "vm-2",
      });
      const ids = async (query: string) =>
        (await cloud.net(lister, "GET", `/ports${query}`)).body.ports.map((p: { id: string }) => p.id).sort();
      expect(await ids("?fixed_ips=ip_address%3D10.80.0.10")).toEqual([p1.id]);
      expect(await ids(`?fixed_ips=subnet_id%3D${b.id}`)).toEqual([p2.id]);
      expect(await ids("?fixed_ips=ip_address_substr%3D10.8")).toEqual([p1.id, p2.id].sort());
      expect(await ids(`?fixed_ips=subnet_id%3D${a.id}&fixed_ips=ip_address%3D10.81.0.20`)).toEqual([]);
      expect(await ids("?ip_address=10.81.0.20")).toEqual([p2.id]);
      expect(await ids("?device_id=vm-1&device_id=vm-2")).toEqual([p1.id, p2.id].sort());
      expect(await ids("?device_owner=compute:nova")).toEqual([p1.id]);
      expect(await ids(`?network_id=${net.id}&fields=id`)).toEqual([p1.id, p2.id].sort());
      const subnets = await cloud.net(lister, "GET", `/subnets?network_id=${net.id}&cidr=10.81.0.0/24`);
      expect(subnets.body.subnets.map((s: { id: string }) => s.id)).toEqual([b.id]);
      const pagedSubnets = await cloud.net(
        lister,
        "GET",
        `/subnets?network_id=${net.id}&limit=1&sort_key=cidr&sort_dir=desc`,
      );
      expect(pagedSubnets.body.subnets.map((s: { id: string }) => s.id)).toEqual([b.id]);
      expect(pagedSubnets.body.subnets_links[0].rel).toBe("next");
    });

    it("pages a network's ports by marker in id order, cut in the query or not alike", async () => {
      const net = await cloud.create(lister, "network", { name: "paged-ports" });
      const sub = await cloud.create(lister, "subnet", {
        network_id: net.id,
        cidr: "10.82.0.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const port = await cloud.create(lister, "port", {
          network_id: net.id,
          device_owner: i % 2 === 0 ? "compute:nova" : "",
          device_id: i % 2 === 0 ? `vm-${i}` : "",
        });
        made.push(port.id);
      }
      const all = [...made].sort();
      // Walks every page as a client following `next` does.
      const walk = async (filter: string) => {
        const seen: string[] = [];
        let marker = "";
        for (let page = 0; page < 10; page++) {
          const res = await cloud.net(lister, "GET", `/ports?${filter}&limit=2${marker}`);
          const ids = res.body.ports.map((p: { id: string }) => p.id);
          seen.push(...ids);
          const next = (res.body.ports_links ?? []).find((l: { rel: string }) => l.rel === "next");
          if (!next || ids.length === 0) break;
          marker = `&marker=${ids[ids.length - 1]}`;
        }
        return seen;
      };
      // Filters on columns only: the page is cut in the database.
      expect(await walk(`network_id=${net.id}`)).toEqual(all);
      const owned = all.filter((id) => made.indexOf(id) % 2 === 0);
      expect(await walk(`network_id=${net.id}&device_owner=compute:nova`)).toEqual(owned);
      // A filter on a rendered attribute: paged after rendering, same answer.
      expect(await walk(`network_id=${net.id}&fixed_ips=subnet_id%3D${sub.id}`)).toEqual(all);
      const first = await cloud.net(lister, "GET", `/ports?network_id=${net.id}&limit=3`);
      expect(first.body.ports.map((p: { id: string }) => p.id)).toEqual(all.slice(0, 3));
    });

    it("bounds list queries", async () => {
      const many = Array.from({ length: 201 }, () => "name=x").join("&");
      expect((await list(`?${many}`)).status).toBe(400);
      const keys = Array.from({ length: 70 }, (_, i) => `k${i}=x`).join("&");
      expect((await list(`?${keys}`)).status).toBe(400);
      expect((await list(`?name=${"x".repeat(2000)}`)).status).toBe(400);
    });
  });
}
