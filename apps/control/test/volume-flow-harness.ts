/**
 * The volume suites' cloud: the real control plane (PGlite in memory or a
 * database of its own on the PostgreSQL test server), a protocol-level
 * compute agent (compute-servers-harness's FakeAgent, which plugs volumes
 * as soon as their export is known), and the real volume agent
 * (`apps/volume-agent`) on its fake driver, dialling the real volume hub.
 */
import { join } from "node:path";
import { VolumeAgent } from "@zenith/volume-agent/agent";
import { FakeVolumeDriver } from "@zenith/volume-agent/fake";
import pino from "pino";
import {
  AGENT_TOKEN,
  type ComputeTestEnv,
  FakeAgent,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import type { ApiResponse } from "./harness.ts";
import { waitFor } from "./harness.ts";
import { cinder } from "./volume-harness.ts";

export interface VolumeFlowCloud {
  env: ComputeTestEnv;
  compute: FakeAgent;
  volumeAgent: VolumeAgent;
  imageId: string;
  /** A Cinder call as the demo member (or with `token`). */
  cinder(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; mv?: string },
  ): Promise<ApiResponse>;
  /** Waits until the volume's status is `status` and returns its body. */
  volumeStatus(id: string, status: string, token?: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startVolumeFlowCloud(label: string): Promise<VolumeFlowCloud> {
  const env = await startCompute(label);
  const { imageId } = await seed(env);
  const compute = new FakeAgent({ host: `${label}-compute` }, env.control.url);
  await compute.connect();
  const volumeAgent = new VolumeAgent({
    host: `${label}-volume`,
    controlUrl: env.control.url,
    token: async () => AGENT_TOKEN,
    stateDir: join(env.dataDir, "volume-agent", "state"),
    transferDir: join(env.dataDir, "volume-agent", "transfers"),
    driver: new FakeVolumeDriver({ exportHost: "127.0.0.1" }),
    driverKind: "fake",
    availabilityZone: "nova",
    exportAddress: "127.0.0.1",
    logger: pino({ level: process.env.VOLUME_LOG ?? "silent" }),
    resyncMs: 60_000,
  });
  await volumeAgent.start();
  const prisma = env.control.running.db.prisma;
  await waitFor(async () => (await prisma.volumeHost.count({ where: { host: `${label}-volume` } })) === 1);
  const call: VolumeFlowCloud["cinder"] = (method, path, opts = {}) =>
    cinder(env.control, method, path, { projectId: env.demoProjectId, token: env.demoToken, ...opts });
  return {
    env,
    compute,
    volumeAgent,
    imageId,
    cinder: call,
    async volumeStatus(id, status, token) {
      let last: Record<string, unknown> = {};
      await waitFor(async () => {
        const res = await call("GET", `/volumes/${id}`, token ? { token } : {});
        last = res.body?.volume ?? {};
        return last.status === status;
      });
      return last;
    },
    async close() {
      await volumeAgent.stop();
      await compute.close();
      await env.close();
    },
  };
}

export { waitForStatus };
