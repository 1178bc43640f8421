/**
 * DHCP and the metadata service on real namespaces: a guest namespace on the
 * network's bridge takes its lease from our dnsmasq with udhcpc, then reads
 * meta_data.json through 169.254.169.254 → the agent's socket in the namespace → a stub control
 * plane on loopback, which checks what the agent tells it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type DhcpSpec,
  METADATA_ADDRESS_HEADER,
  METADATA_NETWORK_HEADER,
  tapDeviceName,
} from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/driver/linux/exec.ts";
import { processArgv, readPid } from "../src/driver/linux/l3/daemon.ts";
import { ensureDhcp, listDhcp, removeDhcp } from "../src/driver/linux/l3/dhcp.ts";
import { addresses, linkInfo, netnsExists } from "../src/driver/linux/l3/iproute.ts";
import { MetadataService } from "../src/driver/linux/l3/metadata-service.ts";
import { bridgeName, dhcpNamespace, dhcpNsDevice } from "../src/driver/linux/l3/names.ts";
import {
  addBridge,
  addGuest,
  canUseNetns,
  dhcpLease,
  fakeMac,
  fakeUuid,
  guestGet,
  Namespaces,
  writeUdhcpcScript,
} from "./l3-helpers.ts";

const allowed = await canUseNetns();
const logger = createLogger("l3-dhcp-test", "warn");

describe.skipIf(!allowed)("L3 DHCP and metadata service (needs root to create network namespaces)", () => {
  const nss = new Namespaces();
  const networkId = fakeUuid();
  const bridge = bridgeName(networkId);
  const dhcpPort = { id: fakeUuid(), mac: fakeMac() };
  const guestMac = fakeMac();
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let hostNs = "";
  let guestNs = "";
  let stateDir = "";
  let script = "";
  let stub: Server;
  let service: MetadataService | undefined;
  let ctx: Parameters<typeof ensureDhcp>[1];

  const newService = (token: string) =>
    new MetadataService({
      controlUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
      token: async () => token,
      logger,
    });
  /** The listening socket on port 80 inside the DHCP namespace ("" when none), with its inode. */
  const metadataListener = async () =>
    (await run(["ss", "-Hltne", "sport = :80"], { netns: dhcpNamespace(networkId) })).trim();

  const spec = (hostname: string, extra: Partial<DhcpSpec> = {}): DhcpSpec => ({
    networkId,
    port: {
      ...dhcpPort,
      fixedIps: [{ subnetId: "sub-a", address: "10.77.0.2", prefixLength: 24, ipVersion: 4 }],
    },
    mtu: 1442,
    subnets: [
      {
        id: "sub-a",
        cidr: "10.77.0.0/24",
        ipVersion: 4,
        gatewayIp: "10.77.0.1",
        dnsNameservers: ["10.77.0.53"],
        hostRoutes: [{ destination: "10.88.0.0/16", nexthop: "10.77.0.254" }],
      },
    ],
    hosts: [{ mac: guestMac, address: "10.77.0.10", hostname }],
    metadata: true,
    generation: 1,
    ...extra,
  });

  beforeAll(async () => {
    hostNs = await nss.add("h");
    guestNs = await nss.add("g");
    stateDir = await mkdtemp(join(tmpdir(), "zenith-l3-dhcp-"));
    script = await writeUdhcpcScript(stateDir);
    await addBridge(hostNs, bridge);
    await addGuest(hostNs, guestNs, bridge, `gv${nss.suffix}`, guestMac);
    stub = createServer((req, res) => {
      seen.push({ url: req.url ?? "", headers: req.headers });
      if (req.url === "/agent/v1/metadata/openstack/latest/meta_data.json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ uuid: "i-1", hostname: "vm-one" }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    service = newService("host-token");
    ctx = { stateDir, hostNetns: hostNs, bridge, metadata: service, logger };
  });

  afterAll(async () => {
    await removeDhcp(networkId, { stateDir, hostNetns: hostNs, metadata: service }).catch(() => undefined);
    await service?.close();
    await nss.removeAll();
    await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it("gives a guest its address, gateway, MTU, hostname and classless routes (metadata via the DHCP port)", async () => {
    await ensureDhcp(spec("vm-one"), ctx);
    const ns = dhcpNamespace(networkId);
    expect(await addresses(dhcpNsDevice(dhcpPort.id), ns)).toEqual(
      expect.arrayContaining(["10.77.0.2/24", "169.254.169.254/32"]),
    );
    expect((await linkInfo(tapDeviceName(dhcpPort.id), hostNs))?.master).toBe(bridge);

    const lease = await dhcpLease(guestNs, stateDir, script);
    expect(lease).toMatchObject({ ip: "10.77.0.10", mask: "24", router: "10.77.0.1", mtu: "1442" });
    expect(lease.hostname).toBe("vm-one");
    expect(lease.dns).toBe("10.77.0.53");
    expect(lease.staticroutes).toBe(
      "10.88.0.0/16 10.77.0.254 169.254.169.254/32 10.77.0.2 0.0.0.0/0 10.77.0.1",
    );
  });

  it("serves meta_data.json through 169.254.169.254, telling the control plane the network and the guest's address", async () => {
    const body = await guestGet(guestNs, "http://169.254.169.254/openstack/latest/meta_data.json");
    expect(JSON.parse(body)).toEqual({ uuid: "i-1", hostname: "vm-one" });
    const req = seen.at(-1);
    expect(req?.url).toBe("/agent/v1/metadata/openstack/latest/meta_data.json");
    expect(req?.headers[METADATA_NETWORK_HEADER]).toBe(networkId);
    expect(req?.headers[METADATA_ADDRESS_HEADER]).toBe("10.77.0.10");
    expect(req?.headers.authorization).toBe("Bearer host-token");
  });

  it("ignores a network id or address the guest puts in its own request", async () => {
    await guestGet(guestNs, "http://169.254.169.254/openstack/latest/meta_data.json", [
      `${METADATA_NETWORK_HEADER}: other-network`,
      `${METADATA_ADDRESS_HEADER}: 10.77.0.99`,
    ]);
    const req = seen.at(-1);
    expect(req?.headers[METADATA_NETWORK_HEADER]).toBe(networkId);
    expect(req?.headers[METADATA_ADDRESS_HEADER]).toBe("10.77.0.10");
  });

  it("changes nothing when ensured again: same processes, same addresses", async () => {
    const dir = join(stateDir, "dhcp", networkId);
    const before = {
      dnsmasq: await readPid(join(dir, "dnsmasq.pid")),
      metadataSocket: await metadataListener(),
      addrs: await addresses(dhcpNsDevice(dhcpPort.id), dhcpNamespace(networkId)),
      link: await linkInfo(dhcpNsDevice(dhcpPort.id), dhcpNamespace(networkId)),
    };
    await ensureDhcp(spec("vm-one"), ctx);
    const after = {
      dnsmasq: await readPid(join(dir, "dnsmasq.pid")),
      metadataSocket: await metadataListener(),
      addrs: await addresses(dhcpNsDevice(dhcpPort.id), dhcpNamespace(networkId)),
      link: await linkInfo(dhcpNsDevice(dhcpPort.id), dhcpNamespace(networkId)),
    };
    expect(after).toEqual(before);
    expect(before.dnsmasq).not.toBeNull();
    expect(before.metadataSocket).toMatch(/ino:\d+/);
  });

  it("reloads changed leases with SIGHUP (same dnsmasq) and restarts a dead dnsmasq", async () => {
    const pidFile = join(stateDir, "dhcp", networkId, "dnsmasq.pid");
    const pid = await readPid(pidFile);
    await ensureDhcp(spec("vm-renamed"), ctx);
    expect(await readPid(pidFile)).toBe(pid);
    expect((await dhcpLease(guestNs, stateDir, script)).hostname).toBe("vm-renamed");

    // An agent that died between writing the leases and signalling dnsmasq: the next convergence signals it.
    await writeFile(join(stateDir, "dhcp", networkId, "hosts"), `${guestMac},10.77.0.10,vm-crash\n`);
    await ensureDhcp(spec("vm-crash"), ctx);
    expect(await readPid(pidFile)).toBe(pid);
    expect((await dhcpLease(guestNs, stateDir, script)).hostname).toBe("vm-crash");

    if (pid === null) throw new Error("no dnsmasq pid");
    process.kill(pid, "SIGKILL");
    await ensureDhcp(spec("vm-renamed"), ctx);
    const restarted = await readPid(pidFile);
    expect(restarted).not.toBe(pid);
    expect(restarted === null ? null : (await processArgv(restarted))?.[0]).toBe("dnsmasq");
    expect((await dhcpLease(guestNs, stateDir, script)).ip).toBe("10.77.0.10");
  });

  it("serves metadata again after an agent restart (a new service), leaving DHCP alone", async () => {
    const dnsmasq = await readPid(join(stateDir, "dhcp", networkId, "dnsmasq.pid"));
    await service?.close();
    // The old agent's sockets went with it.
    expect(await metadataListener()).toBe("");
    service = newService("renewed-token");
    ctx = { ...ctx, metadata: service };
    await ensureDhcp(spec("vm-renamed"), ctx);
    expect(await readPid(join(stateDir, "dhcp", networkId, "dnsmasq.pid"))).toBe(dnsmasq);
    await guestGet(guestNs, "http://169.254.169.254/openstack/latest/meta_data.json");
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer renewed-token");
  });

  it("starts over in a namespace deleted under it (its old dnsmasq served nobody)", async () => {
    const pidFile = join(stateDir, "dhcp", networkId, "dnsmasq.pid");
    const old = await readPid(pidFile);
    await run(["ip", "netns", "del", dhcpNamespace(networkId)]);
    await ensureDhcp(spec("vm-renamed"), ctx);
    expect(await readPid(pidFile)).not.toBe(old);
    expect(old === null ? null : await processArgv(old)).toBeNull();
    expect((await dhcpLease(guestNs, stateDir, script)).ip).toBe("10.77.0.10");
    await guestGet(guestNs, "http://169.254.169.254/openstack/latest/meta_data.json");
  });

  it("stops serving metadata and drops 169.254.169.254 when metadata is turned off, and removes everything on remove", async () => {
    await ensureDhcp(spec("vm-renamed", { metadata: false }), ctx);
    expect(await addresses(dhcpNsDevice(dhcpPort.id), dhcpNamespace(networkId))).toEqual(["10.77.0.2/24"]);
    expect(await metadataListener()).toBe("");
    expect(service?.networks()).toEqual([]);
    const lease = await dhcpLease(guestNs, stateDir, script);
    expect(lease.staticroutes).toBe("10.88.0.0/16 10.77.0.254 0.0.0.0/0 10.77.0.1");

    expect(await listDhcp({ stateDir })).toEqual([networkId]);
    const dnsmasqPid = await readPid(join(stateDir, "dhcp", networkId, "dnsmasq.pid"));
    await removeDhcp(networkId, { stateDir, hostNetns: hostNs, metadata: service });
    expect(await netnsExists(dhcpNamespace(networkId))).toBe(false);
    expect(await linkInfo(tapDeviceName(dhcpPort.id), hostNs)).toBeNull();
    expect(dnsmasqPid === null ? null : await processArgv(dnsmasqPid)).toBeNull();
    expect(await listDhcp({ stateDir })).toEqual([]);
  });
});
