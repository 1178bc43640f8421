/**
 * The compute agent process: one agent per host, several hosts in one
 * process when `ZENITH_COMPUTE_AGENTS` > 1 (demos, tests). The driver is
 * `ZENITH_COMPUTE_DRIVER`: fake (default), qemu, or auto (qemu if
 * installed). SIGINT/SIGTERM stop the agents cleanly; guests are never
 * touched by a shutdown.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SerialLock } from "@zenith/agent-runtime/enrolment";
import { agentCredential, hostStateDir, sharedTokenProvider } from "@zenith/agent-runtime/env";
import { fakeTapDir } from "@zenith/agent-runtime/fake-taps";
import { runAgents } from "@zenith/agent-runtime/process";
import { parseEnv } from "@zenith/core/env";
import { createLogger, type Logger } from "@zenith/core/logger";
import { ComputeAgent } from "./agent.ts";
import { FakeDriver } from "./driver/fake.ts";
import { QemuDriver } from "./driver/qemu/driver.ts";
import type { ComputeDriver } from "./driver/types.ts";
import { computeDriverKind, defaultHostIp, hostNames, ZAgentEnv } from "./env.ts";

const env = parseEnv(ZAgentEnv);
const root = createLogger("compute-agent", env.LOG_LEVEL);
// The hosts of this process enrol one at a time: they may share one join-token file.
const enrolments = new SerialLock();
if (sharedTokenProvider(env)) root.warn("using the deprecated shared agent token: hosts do not enrol");
const hostIp = env.ZENITH_HOST_IP ?? defaultHostIp();

const driverKind = await computeDriverKind(env);
root.info(
  { driver: driverKind, requested: env.ZENITH_COMPUTE_DRIVER },
  driverKind === "qemu" ? "compute driver: qemu (real guests)" : "compute driver: fake (in-memory guests)",
);

// The KVM probe's Linux guest; without it "auto" cannot prove KVM and uses TCG.
const tinyImageDir = resolve(
  env.ZENITH_TINY_IMAGE_DIR ?? fileURLToPath(new URL("../../../.cache/zenith-tiny", import.meta.url)),
);
const kvmProbe = { image: { kernel: join(tinyImageDir, "kernel"), initrd: join(tinyImageDir, "initrd") } };

function makeDriver(host: string, logger: Logger): ComputeDriver {
  if (driverKind === "qemu") {
    return new QemuDriver({
      // Next to the agent's state.json and image cache (`<data>/compute/<host>/`).
      stateDir: join(hostStateDir(env.ZENITH_DATA_DIR, "compute", host), "qemu"),
      accel: env.ZENITH_QEMU_ACCEL,
      kvmProbe,
      logger,
    });
  }
  const vcpus = env.ZENITH_FAKE_VCPUS;
  return new FakeDriver({
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
    // The host's fake network driver finds the guests' NICs here.
    tapDir: fakeTapDir(env.ZENITH_DATA_DIR, host),
    logger,
  });
}

function makeAgent(host: string): ComputeAgent {
  const logger = root.child({ host });
  let driver: ComputeDriver;
  try {
    driver = makeDriver(host, logger.child({ component: "driver" }));
  } catch (err) {
    // E.g. a data dir too long for the qemu driver's unix sockets: say so and stop.
    root.fatal({ err, host }, "cannot create the compute driver");
    process.exit(1);
  }
  return new ComputeAgent({
    host,
    availabilityZone: env.ZENITH_AVAILABILITY_ZONE,
    hostIp,
    controlUrl: env.ZENITH_CONTROL_URL,
    token: agentCredential(env, {
      host,
      logger: logger.child({ component: "enrolment" }),
      lock: enrolments,
    }),
    dataDir: env.ZENITH_DATA_DIR,
    driver,
    logger,
    powerSyncMs: env.ZENITH_POWER_SYNC_S * 1000,
    meteringIntervalMs: env.ZENITH_METERING_INTERVAL_MS,
  });
}

const agents = hostNames(env.ZENITH_COMPUTE_HOST, env.ZENITH_COMPUTE_AGENTS).map(makeAgent);

await runAgents(agents, root);
