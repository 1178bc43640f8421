/**
 * The health snapshot behind /metrics, on a real migrated database (PGlite,
 * and PostgreSQL when the test server runs): which rows count as pending
 * agent work, and that a scrape still answers when the database fails.
 */
import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@zenith/db/client";
import { migrate } from "@zenith/db/migrate";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentHubs, probesOf } from "../src/services/health/agents.ts";
import { readPendingWork } from "../src/services/health/pending-work.ts";
import { HealthReader } from "../src/services/health/reader.ts";
import { seedInstance, seedNetwork, seedPort } from "./network-hub-harness.ts";

const silent = pino({ level: "silent" });

/** Hubs with no agent connected and nothing queued (agents connecting are covered in prometheus.test.ts). */
const idleHubs: AgentHubs = {
  compute: { isConnected: () => false, queuedPublications: () => 0 },
  network: { isConnected: () => false, queuedPublications: () => 0 },
  volume: { isConnected: () => false, queuedPublications: () => 0 },
};

const targets = [{ label: "PGlite", pg: false }, ...(testPgUrl() ? [{ label: "PostgreSQL", pg: true }] : [])];

describe.each(targets)("health snapshot ($label)", ({ pg }) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const url = testPgUrl();
    if (pg && url) {
      const made = await createTestDatabase(url, "prometheus_health");
      drop = made.drop;
      db = await openDatabase({ kind: "postgres", url: made.url });
    } else {
      db = await openDatabase({ kind: "pglite-memory" });
    }
    await migrate(db.raw);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("counts instance ports not wired at their current generation, by host", async () => {
    const prisma = db.prisma;
    const projectId = randomUUID();
    const { networkId, subnetId } = await seedNetwork(prisma, {
      projectId,
      cidr: "10.9.0.0/24",
      gateway: "10.9.0.1",
    });
    const port = (n: number, o: { host?: string; deviceOwner?: string } = {}) =>
      seedPort(prisma, { projectId, networkId, subnetId, address: `10.9.0.${n}`, ...o });
    await port(10, { host: "h1" }); // never wired: pending
    const wired = await port(11, { host: "h1" });
    await prisma.port.update({ where: { id: wired }, data: { generation: 3, wiredGeneration: 3 } });
    const stale = await port(12, { host: "h2" });
    await prisma.port.update({ where: { id: stale }, data: { generation: 4, wiredGeneration: 2 } });
    await port(13, { host: "h1", deviceOwner: "network:dhcp" }); // follows the host's reports, no generation
    await port(14); // bound to no host: no agent's work
    const work = await readPendingWork(prisma);
    expect([...work.unwiredPorts].sort((a, b) => a.host.localeCompare(b.host))).toEqual([
      { host: "h1", count: 1 },
      { host: "h2", count: 1 },
    ]);
  });

  it("counts live instances with a task and volumes, snapshots, backups in a transitional status", async () => {
    const prisma = db.prisma;
    const projectId = randomUUID();
    const spawning = await seedInstance(prisma, { projectId, name: "busy" });
    await prisma.instance.update({ where: { id: spawning }, data: { taskState: "spawning" } });
    await seedInstance(prisma, { projectId, name: "idle" });
    const gone = await seedInstance(prisma, { projectId, name: "gone" });
    await prisma.instance.update({
      where: { id: gone },
      data: { taskState: "deleting", deletedAt: new Date() },
    });
    const volume = (status: string, deleted = false) =>
      prisma.volume.create({
        data: {
          id: randomUUID(),
          projectId,
          userId: "u",
          sizeGb: 1,
          status,
          volumeTypeId: "t",
          deletedAt: deleted ? new Date() : null,
        },
      });
    const creating = await volume("creating");
    await volume("available");
    await volume("reserved"); // waits on a person, not on an agent
    await volume("deleting", true);
    await prisma.volumeSnapshot.create({
      data: {
        id: randomUUID(),
        projectId,
        userId: "u",
        volumeId: creating.id,
        sizeGb: 1,
        status: "creating",
      },
    });
    await prisma.volumeBackup.create({
      data: {
        id: randomUUID(),
        projectId,
        userId: "u",
        volumeId: creating.id,
        sizeGb: 1,
        status: "available",
      },
    });
    const work = await readPendingWork(prisma);
    expect(work.computeTasks).toEqual([{ taskState: "spawning", count: 1 }]);
    expect(work.volumeOperations).toEqual(
      expect.arrayContaining([
        { resource: "volume", status: "creating", count: 1 },
        { resource: "snapshot", status: "creating", count: 1 },
      ]),
    );
    expect(work.volumeOperations).toHaveLength(2);
  });

  it("shares one snapshot between the gauges of a scrape, and reads afresh at the next", async () => {
    const reader = new HealthReader({ db, probes: probesOf(idleHubs), logger: silent });
    const first = reader.read();
    expect(reader.read()).toBe(first);
    const snap = await first;
    expect(snap.databaseUp).toBe(true);
    expect(snap.pool === null).toBe(!pg);
    expect(reader.read()).not.toBe(first);
  });
});

describe("health snapshot when the database fails", () => {
  it("still answers, with the database down and nothing made up", async () => {
    // An empty database: every health query fails (no tables), as it would with the server gone.
    const db = await openDatabase({ kind: "pglite-memory" });
    try {
      const hubs: AgentHubs = {
        ...idleHubs,
        network: { isConnected: () => false, queuedPublications: () => 2 },
      };
      const snap = await new HealthReader({ db, probes: probesOf(hubs), logger: silent }).read();
      expect(snap.databaseUp).toBe(false);
      expect(snap.agents).toEqual([]);
      expect(snap.pending.computeTasks).toEqual([]);
      // What lives in memory is still shown.
      expect(snap.hubQueues).toEqual({ compute: 0, network: 2, volume: 0 });
    } finally {
      await db.close();
    }
  });
});
