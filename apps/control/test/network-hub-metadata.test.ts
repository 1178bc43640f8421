import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import {
  agentMetadataPath,
  METADATA_ADDRESS_HEADER,
  METADATA_NETWORK_HEADER,
} from "@zenith/agent-protocol/network";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FakeNetworkAgent,
  type NetworkTestEnv,
  seedInstance,
  seedNetwork,
  seedPort,
  startNetworkEnv,
} from "./network-hub-harness.ts";

describe("metadata service behind the network agents' proxies", () => {
  let env: NetworkTestEnv;
  let server: FakeNetworkAgent;
  let other: FakeNetworkAgent;
  const cred = { server: "", other: "" };
  const ids = { net: "", subnet: "", web: "", bare: "", victim: "" };
  const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHubKey test@zenith";

  beforeAll(async () => {
    env = await startNetworkEnv("network-hub-metadata");
    const hostS = env.hostName("md-server");
    const hostO = env.hostName("md-other");
    cred.server = await env.control.running.enrolHost(hostS);
    cred.other = await env.control.running.enrolHost(hostO);
    const p = env.demoProjectId;
    const net = await seedNetwork(env.prisma, { projectId: p, cidr: "10.30.0.0/24", gateway: "10.30.0.1" });
    ids.net = net.networkId;
    ids.subnet = net.subnetId;
    ids.web = await seedInstance(env.prisma, {
      projectId: p,
      name: "web-1",
      userData: "#!/bin/sh\necho hello\n",
      keyName: "demo-key",
      keyData: KEY,
    });
    ids.bare = await seedInstance(env.prisma, { projectId: p, name: "bare-1" });
    // Another project's instance, named as the device of a demo port: its metadata must never be served.
    ids.victim = await seedInstance(env.prisma, {
      projectId: env.adminProjectId,
      name: "secret-1",
      userData: "s3cret",
    });
    const portWeb = await seedPort(env.prisma, {
      ...net,
      projectId: p,
      address: "10.30.0.5",
      deviceId: ids.web,
    });
    await seedPort(env.prisma, { ...net, projectId: p, address: "10.30.0.6", deviceId: ids.bare });
    await seedPort(env.prisma, { ...net, projectId: p, address: "10.30.0.7", deviceId: ids.victim });
    // A floating IP on the web port: EC2's public-ipv4.
    const ext = await seedNetwork(env.prisma, {
      projectId: env.adminProjectId,
      cidr: "172.24.4.0/24",
      gateway: "172.24.4.1",
      dhcp: false,
      external: true,
    });
    const fipPort = await seedPort(env.prisma, {
      ...ext,
      projectId: p,
      address: "172.24.4.33",
      deviceOwner: "network:floatingip",
    });
    await env.prisma.floatingIp.create({
      data: {
        id: randomUUID(),
        projectId: p,
        floatingNetworkId: ext.networkId,
        floatingIpAddress: "172.24.4.33",
        floatingPortId: fipPort,
        portId: portWeb,
        fixedIpAddress: "10.30.0.5",
      },
    });
    // Only the first host to say hello is live when DHCP is scheduled: it serves the network.
    server = new FakeNetworkAgent(env.control.url, {
      host: hostS,
      credential: cred.server,
      tunnelIp: "192.0.2.1",
    });
    await server.connect();
    await env.publish(server);
    other = new FakeNetworkAgent(env.control.url, {
      host: hostO,
      credential: cred.other,
      tunnelIp: "192.0.2.2",
    });
    await other.connect();
    expect(server.desired?.dhcp.map((d) => d.networkId)).toContain(ids.net);
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
    await env?.close();
  });

  const get = async (path: string, o: { credential?: string; address?: string; network?: string } = {}) => {
    const headers: Record<string, string> = {
      [METADATA_NETWORK_HEADER]: o.network ?? ids.net,
      [METADATA_ADDRESS_HEADER]: o.address ?? "10.30.0.5",
    };
    if (o.credential !== "") headers.authorization = `Bearer ${o.credential ?? cred.server}`;
    const res = await fetch(`${env.control.url}${agentMetadataPath(path)}`, { headers });
    return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
  };

  const rawStatus = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${env.control.url}${agentMetadataPath("")}`,
        {
          path: agentMetadataPath(path),
          headers: {
            authorization: `Bearer ${cred.server}`,
            [METADATA_NETWORK_HEADER]: ids.net,
            [METADATA_ADDRESS_HEADER]: "10.30.0.5",
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });

  it("serves the OpenStack documents of the instance holding the address", async () => {
    const res = await get("openstack/latest/meta_data.json");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({
      uuid: ids.web,
      name: "web-1",
      hostname: "web-1",
      project_id: env.demoProjectId,
      availability_zone: "nova",
      launch_index: 0,
      public_keys: { "demo-key": KEY },
      keys: [{ name: "demo-key", type: "ssh", data: KEY }],
      meta: { role: "web" },
    });
    expect((await get("openstack/latest/user_data")).text).toBe("#!/bin/sh\necho hello\n");
    const network = JSON.parse((await get("openstack/latest/network_data.json")).text);
    expect(network.networks).toEqual([expect.objectContaining({ type: "ipv4_dhcp", network_id: ids.net })]);
    expect((await get("openstack")).text.split("\n")).toContain("latest");
    expect((await get("openstack/2018-08-27/meta_data.json")).status).toBe(200);
  });

  it("serves the EC2 paths", async () => {
    expect((await get("latest/meta-data/hostname")).text).toBe("web-1");
    expect((await get("latest/meta-data/local-ipv4")).text).toBe("10.30.0.5");
    expect((await get("latest/meta-data/public-ipv4")).text).toBe("172.24.4.33");
    expect((await get("latest/meta-data/instance-id")).text).toMatch(/^i-[0-9a-f]{8}$/);
    expect((await get("latest/meta-data/public-keys/")).text).toBe("0=demo-key");
    expect((await get("latest/meta-data/public-keys/0/openssh-key")).text).toBe(KEY);
    expect((await get("latest/user-data")).text).toBe("#!/bin/sh\necho hello\n");
    expect((await get("latest/meta-data/")).text.split("\n")).toEqual(
      expect.arrayContaining(["hostname", "instance-id", "local-ipv4", "public-ipv4", "public-keys/"]),
    );
  });

  it("answers each address with its own instance; user data is 404 when there is none", async () => {
    const bare = await get("openstack/latest/meta_data.json", { address: "10.30.0.6" });
    expect(JSON.parse(bare.text)).toMatchObject({ uuid: ids.bare, public_keys: {}, keys: [] });
    expect((await get("openstack/latest/user_data", { address: "10.30.0.6" })).status).toBe(404);
    expect((await get("latest/meta-data/public-ipv4", { address: "10.30.0.6" })).text).toBe("");
  });

  it("never serves another project's instance, an unknown address or a path that names nothing", async () => {
    for (const path of [
      "openstack/latest/meta_data.json",
      "openstack/latest/user_data",
      "latest/user-data",
    ]) {
      const res = await get(path, { address: "10.30.0.7" });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("s3cret");
      expect(res.text).not.toContain(ids.victim);
    }
    expect((await get("openstack/latest/meta_data.json", { address: "10.30.0.99" })).status).toBe(404);
    expect((await get("latest/meta-data/constructor")).status).toBe(404);
    // Sent raw: fetch would resolve the dot segments before sending.
    expect(await rawStatus("openstack/../openstack/latest/meta_data.json")).toBe(404);
    expect((await get(`openstack/latest/${"x".repeat(600)}`)).status).toBe(404);
    expect((await get("openstack/1999-01-01/meta_data.json")).status).toBe(404);
  });

  it("answers only the host serving the network's DHCP, and only with an agent credential", async () => {
    const res = await get("openstack/latest/meta_data.json", { credential: cred.other });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(ids.web);
    expect((await get("openstack/latest/meta_data.json", { credential: "" })).status).toBe(401);
    expect((await get("openstack/latest/meta_data.json", { credential: "wrong-credential" })).status).toBe(
      401,
    );
    expect((await get("openstack/latest/meta_data.json", { address: "not-an-address" })).status).toBe(400);
  });
});
