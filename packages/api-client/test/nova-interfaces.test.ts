import { beforeEach, describe, expect, it } from "vitest";
import { createNovaClient, forgetMicroversions } from "../src/nova/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

const versionDoc = { version: { id: "v2.1", status: "CURRENT", version: "2.79", min_version: "2.1" } };
const attachment = {
  net_id: "net-1",
  port_id: "port-1",
  mac_addr: "fa:16:3e:00:00:01",
  port_state: "ACTIVE",
  fixed_ips: [{ subnet_id: "sub-1", ip_address: "10.0.0.7" }],
  tag: null,
};

beforeEach(() => forgetMicroversions());

describe("nova interfaces and server security groups", () => {
  it("attaches a network with one fixed IP, lists and detaches", async () => {
    const base = "/compute/v2.1/servers/vm/os-interface";
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc },
      { method: "POST", path: base, body: { interfaceAttachment: attachment } },
      { path: base, body: { interfaceAttachments: [attachment] } },
      { method: "DELETE", path: `${base}/port-1`, status: 202 },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    const attached = await nova.interfaces.attach("vm", { netId: "net-1", fixedIp: "10.0.0.7" });
    expect(attached.port_id).toBe("port-1");
    expect(fake.calls.at(-1)?.body).toEqual({
      interfaceAttachment: { net_id: "net-1", fixed_ips: [{ ip_address: "10.0.0.7" }] },
    });
    expect((await nova.interfaces.list("vm")).map((i) => i.fixed_ips[0]?.ip_address)).toEqual(["10.0.0.7"]);
    await nova.interfaces.detach("vm", "port-1");
    expect(fake.calls.at(-1)?.method).toBe("DELETE");
  });

  it("adds and removes a security group by the name-or-id Nova takes", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc },
      { method: "POST", path: "/compute/v2.1/servers/vm/action", status: 202 },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    await nova.servers.addSecurityGroup("vm", "sg-1");
    expect(fake.calls.at(-1)?.body).toEqual({ addSecurityGroup: { name: "sg-1" } });
    await nova.servers.removeSecurityGroup("vm", "sg-1");
    expect(fake.calls.at(-1)?.body).toEqual({ removeSecurityGroup: { name: "sg-1" } });
  });

  it("creates a server on ports and networks in order, with security groups", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc },
      { method: "POST", path: "/compute/v2.1/servers", status: 202, body: { server: { id: "vm" } } },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    await nova.servers.create({
      name: "a",
      imageRef: "img",
      flavorRef: "1",
      networks: [{ port: "p" }, { uuid: "n" }],
      securityGroups: ["sg-1"],
    });
    expect(fake.calls.at(-1)?.body).toMatchObject({
      server: { networks: [{ port: "p" }, { uuid: "n" }], security_groups: [{ name: "sg-1" }] },
    });
  });
});
