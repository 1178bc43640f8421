/** Per-test wiring: a fake control plane, a temp data dir, agents on FakeDrivers, all cleaned up after. */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DesiredInstance } from "@zenith/agent-protocol/compute";
import { createLogger } from "@zenith/core/logger";
import { afterEach } from "vitest";
import { type AgentOptions, ComputeAgent } from "../src/agent.ts";
import { FakeDriver, type FakeDriverOptions } from "../src/driver/fake.ts";
import type { DriverOperation } from "../src/driver/types.ts";
import { FakeControlPlane } from "./fake-control-plane.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface Harness {
  cp: FakeControlPlane;
  dataDir: string;
}

export async function setup(): Promise<Harness> {
  const cp = new FakeControlPlane();
  await cp.start();
  const dataDir = await mkdtemp(join(tmpdir(), "compute-agent-"));
  cleanups.push(async () => {
    await cp.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { cp, dataDir };
}

/** A FakeDriver that records every operation it is asked for (a fault that never fails). */
export function spiedDriver(options: FakeDriverOptions = {}): {
  driver: FakeDriver;
  calls: DriverOperation[];
} {
  const calls: DriverOperation[] = [];
  const driver = new FakeDriver({ ...options, faults: [{ intercept: ({ op }) => void calls.push(op) }] });
  return { driver, calls };
}

export async function startAgent(
  h: Harness,
  driver: FakeDriver,
  overrides: Partial<AgentOptions> = {},
): Promise<ComputeAgent> {
  const host = overrides.host ?? "node-1";
  const agent = new ComputeAgent({
    host,
    availabilityZone: "nova",
    hostIp: "192.0.2.10",
    controlUrl: h.cp.url,
    token: async () => h.cp.token,
    dataDir: h.dataDir,
    driver,
    logger: createLogger("compute-agent-test", process.env.TEST_LOG_LEVEL ?? "silent").child({ host }),
    powerSyncMs: 50,
    backoff: { initialMs: 10, maxMs: 100 },
    ...overrides,
  });
  cleanups.push(() => agent.stop());
  await agent.start();
  return agent;
}

/** A desired instance whose image the control plane serves. */
export function desired(cp: FakeControlPlane, overrides: Partial<DesiredInstance> = {}): DesiredInstance {
  const imageId = randomUUID();
  cp.images.set(imageId, Buffer.from(`cirros image ${imageId}\n`.repeat(1000)));
  return {
    uuid: randomUUID(),
    name: "web-1",
    hostname: "web-1",
    generation: 1,
    flavor: { name: "m1.small", vcpus: 1, memoryMb: 512, rootGb: 1, ephemeralGb: 0, swapMb: 0 },
    image: { id: imageId, diskFormat: "qcow2" },
    userData: null,
    metadata: { role: "web" },
    power: "running",
    rebootSeq: 0,
    rebootType: "SOFT",
    rebuildSeq: 0,
    resize: { seq: 0, finish: "wait" },
    snapshots: [],
    ports: [],
    volumes: [],
    ...overrides,
  };
}

/** The next version of a desired instance, as the control plane bumps it. */
export function next(inst: DesiredInstance, changes: Partial<DesiredInstance>): DesiredInstance {
  return { ...inst, ...changes, generation: inst.generation + 1 };
}
