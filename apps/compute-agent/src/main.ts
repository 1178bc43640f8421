/**
 * The compute agent process: one agent per host, several fake hosts in one
 * process when `ZENITH_COMPUTE_AGENTS` > 1 (demos, tests). SIGINT/SIGTERM
 * stop the agents cleanly; guests are never touched by a shutdown.
 */
import { parseEnv } from "@zenith/core/env";
import { createLogger } from "@zenith/core/logger";
import { ComputeAgent } from "./agent.ts";
import { FakeDriver } from "./driver/fake.ts";
import { agentTokenProvider, defaultHostIp, hostNames, ZAgentEnv } from "./env.ts";

const env = parseEnv(ZAgentEnv);
const root = createLogger("compute-agent", env.LOG_LEVEL);
const token = agentTokenProvider(env);
const hostIp = env.ZENITH_HOST_IP ?? defaultHostIp();

const agents = hostNames(env.ZENITH_COMPUTE_HOST, env.ZENITH_COMPUTE_AGENTS).map((host) => {
  const logger = root.child({ host });
  const vcpus = env.ZENITH_FAKE_VCPUS;
  const driver = new FakeDriver({
    host: {
      vcpus,
      memoryMb: env.ZENITH_FAKE_MEMORY_MB,
      diskGb: env.ZENITH_FAKE_DISK_GB,
      cpuInfo: {
        arch: "x86_64",
        model: "fake",
        vendor: "Zenith",
        topology: { sockets: 1, cores: vcpus, threads: 1 },
        features: [],
      },
    },
    logger: logger.child({ component: "driver" }),
  });
  return new ComputeAgent({
    host,
    availabilityZone: env.ZENITH_AVAILABILITY_ZONE,
    hostIp,
    controlUrl: env.ZENITH_CONTROL_URL,
    token,
    dataDir: env.ZENITH_DATA_DIR,
    driver,
    logger,
    powerSyncMs: env.ZENITH_POWER_SYNC_S * 1000,
  });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    root.warn({ signal }, "second signal; exiting at once");
    process.exit(1);
  }
  stopping = true;
  root.info({ signal }, "stopping");
  await Promise.allSettled(agents.map((a) => a.stop()));
  process.exit(0);
}
process.on("SIGINT", (s) => void shutdown(s));
process.on("SIGTERM", (s) => void shutdown(s));

try {
  await Promise.all(agents.map((a) => a.start()));
} catch (err) {
  root.fatal({ err }, "compute agent failed to start");
  process.exit(1);
}
