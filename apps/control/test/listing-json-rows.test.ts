/**
 * The big listings (servers/detail, ports) read their rows as one JSON
 * document per query (src/services/json-rows.ts) instead of through
 * Prisma's includes, for speed. These records must be exactly what the
 * Prisma queries they replace return, so the API answers do not change:
 * each reader is compared, field by field, with the Prisma form on rows
 * that exercise every part (a host, two fixed addresses, two security
 * groups, a floating IP, an interface record, nulls and JSON columns).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interfacesOf } from "../src/services/compute/servers/networking/views.ts";
import { instancesWithHost } from "../src/services/compute/servers/rows.ts";
import { portRecords } from "../src/services/network/port-rows.ts";
import { PORT_INCLUDE } from "../src/services/network/records.ts";
import {
  boot,
  type NetComputeEnv,
  securityGroup,
  startNetCompute,
  tenantNetwork,
  userPort,
  waitForStatus,
} from "./compute-network-harness.ts";

describe("listing rows read as JSON", () => {
  let t: NetComputeEnv;
  let serverIds: string[];
  let portId: string;

  beforeAll(async () => {
    t = await startNetCompute("json_rows");
    const project = t.env.demoProjectId;
    const net = await tenantNetwork(t, project, "10.31.0.0/24");
    const outside = await tenantNetwork(t, project, "10.32.0.0/24");
    const groups = [await securityGroup(t, project, "web"), await securityGroup(t, project, "db")];
    const port = await userPort(t, {
      projectId: project,
      ...net,
      address: "10.31.0.5",
      securityGroupIds: groups,
    });
    portId = port.id;
    await t.prisma.ipAllocation.create({
      data: { portId, subnetId: net.subnetId, ipAddress: "10.31.0.6", networkId: net.networkId },
    });
    const holder = await userPort(t, { projectId: project, ...outside, address: "10.32.0.9" });
    await t.prisma.floatingIp.create({
      data: {
        id: randomUUID(),
        projectId: project,
        floatingNetworkId: outside.networkId,
        floatingIpAddress: "10.32.0.9",
        floatingPortId: holder.id,
        portId,
        fixedIpAddress: "10.31.0.6",
      },
    });
    const withPort = await boot(t, "json-a", { networks: [{ port: portId }], metadata: { role: "web" } });
    expect(withPort.status, withPort.text).toBe(202);
    const plain = await boot(t, "json-b", { networks: "none" }, { mv: "2.37" });
    expect(plain.status, plain.text).toBe(202);
    serverIds = [withPort.body.server.id, plain.body.server.id];
    for (const id of serverIds) await waitForStatus(t.env, id, "ACTIVE");
  });
  afterAll(() => t?.close());

  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

  it("reads instances with their hosts exactly as Prisma's include does", async () => {
    const prisma = await t.prisma.instance.findMany({
      where: { id: { in: serverIds } },
      include: { host: true },
    });
    expect(prisma.some((i) => i.host !== null && i.launchedAt !== null)).toBe(true);
    expect(byId(await instancesWithHost(t.prisma, serverIds))).toStrictEqual(byId(prisma));
  });

  it("reads every port with addresses, groups and network owner exactly as Prisma's include does", async () => {
    const prisma = await t.prisma.port.findMany({ include: PORT_INCLUDE });
    const mine = prisma.find((p) => p.id === portId);
    expect(mine?.fixedIps).toHaveLength(2);
    expect(mine?.securityGroups).toHaveLength(2);
    const json = await portRecords(
      t.prisma,
      prisma.map((p) => p.id),
    );
    const sorted = (p: (typeof prisma)[number]) => ({
      ...p,
      fixedIps: [...p.fixedIps].sort((a, b) => a.ipAddress.localeCompare(b.ipAddress)),
      securityGroups: [...p.securityGroups].sort((a, b) =>
        a.securityGroupId.localeCompare(b.securityGroupId),
      ),
    });
    // Related rows come in no defined order from either reader; renderers sort what the API orders.
    expect(byId(json).map(sorted)).toStrictEqual(byId(prisma).map(sorted));
  });

  it("reads a server's interfaces with addresses, groups and floating IPs", async () => {
    const views = await interfacesOf(t.prisma, serverIds);
    const [withPort] = serverIds;
    expect(views.size).toBe(1);
    const [iface] = views.get(withPort ?? "") ?? [];
    expect(iface).toMatchObject({ portId, position: 0, preserveOnDelete: true });
    expect(iface?.fixedIps.map((f) => f.ipAddress).sort()).toEqual(["10.31.0.5", "10.31.0.6"]);
    expect(iface?.floatingIps).toEqual([{ floatingIp: "10.32.0.9", fixedIp: "10.31.0.6" }]);
    expect(iface?.securityGroups.map((g) => g.name).sort()).toEqual(["db", "web"]);
    const port = await t.prisma.port.findUniqueOrThrow({ where: { id: portId }, include: { network: true } });
    expect(iface).toMatchObject({
      networkId: port.networkId,
      networkName: port.network.name,
      mac: port.macAddress,
    });
  });
});
