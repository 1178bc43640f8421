/**
 * The metering suites' cloud: the real control plane in-process (testkit,
 * on in-memory PGlite or a fresh database on the PostgreSQL test server) with its data folder here, so an agent enrols the way a
 * real one does (the join token the control plane leaves in that folder,
 * then a credential of the host's own), and a reader of the Gnocchi API.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialLock } from "@zenith/agent-runtime/enrolment";
import { agentCredential, ZAgentRuntimeEnv } from "@zenith/agent-runtime/env";
import { createLogger, type Logger } from "@zenith/core/logger";
import { startTestCloud, type TestCloud, type TestDatabase } from "@zenith/testkit";

export interface MeteringCloud {
  cloud: TestCloud;
  dataDir: string;
  logger: Logger;
  /** The host's own credential, enrolled with the control plane's join token on first use. */
  credential(host: string): () => Promise<string>;
  /**
   * What every agent of these suites is given for `host`: the control
   * plane, its credential, a state folder of its own (removed by close()),
   * quick reconnects, and sampling every 200 ms.
   */
  agentOptions(host: string): Promise<{
    host: string;
    controlUrl: string;
    token: () => Promise<string>;
    stateDir: string;
    logger: Logger;
    backoff: { initialMs: number; maxMs: number };
    meteringIntervalMs: number;
  }>;
  /** Starts an agent, stopped by close() before the cloud goes. */
  run<A extends { start(): Promise<void>; stop(): Promise<void> }>(agent: A): Promise<A>;
  /** `GET /metric/v1/resource/<type>/<id>/metric/<name>/measures` as `token`: status and `[[time, granularity, value]…]`. */
  measures(
    token: string,
    type: string,
    id: string,
    metric: string,
  ): Promise<{ status: number; measures: Array<[string, number, number]> }>;
  close(): Promise<void>;
}

export async function startMeteringCloud(database: TestDatabase, name: string): Promise<MeteringCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), "zenith-metering-"));
  const db = await database.create(name);
  // Folding the backlog often: measures show up within a few of the agents' intervals.
  const cloud = await startTestCloud({ dataDir, databaseUrl: db.databaseUrl, meteringIntervalMs: 200 });
  const logger = createLogger("metering-test", process.env.METERING_LOG ?? "silent");
  const env = ZAgentRuntimeEnv.parse({ ZENITH_CONTROL_URL: cloud.url, ZENITH_DATA_DIR: dataDir });
  const lock = new SerialLock();
  const agents: Array<{ stop(): Promise<void> }> = [];
  const credential = (host: string) => agentCredential(env, { host, logger, lock });
  return {
    cloud,
    dataDir,
    logger,
    credential,
    async agentOptions(host) {
      const stateDir = await mkdtemp(join(dataDir, `agent-${host}-`));
      return {
        host,
        controlUrl: cloud.url,
        token: credential(host),
        stateDir,
        logger,
        backoff: { initialMs: 20, maxMs: 500 },
        meteringIntervalMs: 200,
      };
    },
    async run(agent) {
      agents.push(agent);
      await agent.start();
      return agent;
    },
    async measures(token, type, id, metric) {
      const res = await cloud.client.request(
        "GET",
        `/metric/v1/resource/${type}/${encodeURIComponent(id)}/metric/${metric}/measures`,
        { token },
      );
      return { status: res.status, measures: res.status === 200 ? res.body : [] };
    },
    async close() {
      for (const agent of agents.splice(0)) await agent.stop();
      await cloud.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
