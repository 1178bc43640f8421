/**
 * The volume agent process: one host per process. SIGINT/SIGTERM stop the
 * agent; volumes stay and export daemons keep serving attached guests (the
 * next agent adopts them).
 */
import { join } from "node:path";
import { SerialLock } from "@zenith/agent-runtime/enrolment";
import { agentCredential, hostStateDir, sharedTokenProvider } from "@zenith/agent-runtime/env";
import { runAgents } from "@zenith/agent-runtime/process";
import { parseEnv } from "@zenith/core/env";
import { createLogger } from "@zenith/core/logger";
import { VolumeAgent } from "./agent.ts";
import { FakeVolumeDriver } from "./driver/fake.ts";
import { FileVolumeDriver } from "./driver/file.ts";
import type { VolumeDriver } from "./driver/types.ts";
import { chooseDriver } from "./driver-choice.ts";
import { storageDirOf, ZVolumeAgentEnv } from "./env.ts";

const env = parseEnv(ZVolumeAgentEnv);
const root = createLogger("volume-agent", env.LOG_LEVEL);
const host = env.ZENITH_VOLUME_HOST;
const logger = root.child({ host });
if (sharedTokenProvider(env)) root.warn("using the deprecated shared agent token: hosts do not enrol");

const driverKind = await chooseDriver(env.ZENITH_VOLUME_DRIVER, (reason) =>
  root.warn({ reason }, "volume driver: fake (volumes are simulated in memory and hold no data)"),
);
const storageDir = storageDirOf(env);
root.info(
  { driver: driverKind, requested: env.ZENITH_VOLUME_DRIVER, storageDir },
  `volume driver: ${driverKind}`,
);

const driver: VolumeDriver =
  driverKind === "file"
    ? new FileVolumeDriver({
        storageDir,
        bindAddress: env.ZENITH_VOLUME_BIND_ADDRESS ?? env.ZENITH_VOLUME_EXPORT_ADDRESS,
        advertiseHost: env.ZENITH_VOLUME_EXPORT_ADDRESS,
        logger: logger.child({ component: "driver" }),
      })
    : new FakeVolumeDriver({ exportHost: env.ZENITH_VOLUME_EXPORT_ADDRESS });

const agent = new VolumeAgent({
  host,
  controlUrl: env.ZENITH_CONTROL_URL,
  token: agentCredential(env, {
    host,
    logger: logger.child({ component: "enrolment" }),
    lock: new SerialLock(),
  }),
  stateDir: hostStateDir(env.ZENITH_DATA_DIR, "volume", host),
  transferDir: join(storageDir, "transfers"),
  driver,
  driverKind,
  availabilityZone: env.ZENITH_VOLUME_AZ,
  exportAddress: env.ZENITH_VOLUME_EXPORT_ADDRESS,
  logger,
  resyncMs: env.ZENITH_VOLUME_RESYNC_S * 1000,
  meteringIntervalMs: env.ZENITH_METERING_INTERVAL_MS,
});

await runAgents([agent], root);
