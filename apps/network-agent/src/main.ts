/**
 * The network agent process: one agent per host, several hosts in one
 * process when `ZENITH_NETWORK_AGENTS` > 1 (the same host names as the
 * compute agents, whose credential each host shares). SIGINT/SIGTERM stop
 * the agents; bridges, rules and namespaces stay and keep carrying traffic.
 */
import { join } from "node:path";
import { SerialLock } from "@zenith/agent-runtime/enrolment";
import { agentCredential, hostStateDir, sharedTokenProvider } from "@zenith/agent-runtime/env";
import { runAgents } from "@zenith/agent-runtime/process";
import { parseEnv } from "@zenith/core/env";
import { createLogger, type Logger } from "@zenith/core/logger";
import { NetworkAgent } from "./agent.ts";
import { FakeDriver } from "./driver/fake.ts";
import { fakeTapDir, simulatedOrRealDevices } from "./driver/fake-taps.ts";
import { LinuxDriver } from "./driver/linux/driver.ts";
import { linuxL3, MetadataService } from "./driver/linux/l3/index.ts";
import type { NetworkDriver } from "./driver/types.ts";
import { chooseDriver } from "./driver-choice.ts";
import { hostNames, ZNetworkAgentEnv } from "./env.ts";

const env = parseEnv(ZNetworkAgentEnv);
const root = createLogger("network-agent", env.LOG_LEVEL);
const enrolments = new SerialLock();
if (sharedTokenProvider(env)) root.warn("using the deprecated shared agent token: hosts do not enrol");

const driverKind = await chooseDriver(env.ZENITH_NETWORK_DRIVER, (reason) =>
  root.warn(
    { reason },
    "network driver: fake (this process cannot change networking; guests get no real network)",
  ),
);
const hosts = hostNames(env.ZENITH_NETWORK_HOST, env.ZENITH_NETWORK_AGENTS);
const netnsOf = (host: string): string | undefined => env.ZENITH_NETWORK_NETNS?.replaceAll("{host}", host);
// Several hosts in one namespace would fight over the same bridges and rules.
const ownNamespaces = env.ZENITH_NETWORK_NETNS?.includes("{host}") === true;
if (driverKind === "linux" && hosts.length > 1 && !ownNamespaces) {
  root.warn(
    { linux: hosts[0], fake: hosts.slice(1) },
    "the linux driver wires one namespace per host: without {host} in ZENITH_NETWORK_NETNS the others run the fake driver",
  );
}
root.info({ driver: driverKind, requested: env.ZENITH_NETWORK_DRIVER }, `network driver: ${driverKind}`);

async function makeAgent(host: string): Promise<NetworkAgent> {
  const logger = root.child({ host });
  const token = agentCredential(env, {
    host,
    logger: logger.child({ component: "enrolment" }),
    lock: enrolments,
  });
  return new NetworkAgent({
    host,
    controlUrl: env.ZENITH_CONTROL_URL,
    token,
    dataDir: env.ZENITH_DATA_DIR,
    driver:
      driverKind === "linux" && (ownNamespaces || host === hosts[0])
        ? await linuxDriver(host, token, logger)
        : fakeDriver(host),
    tunnelIp: env.ZENITH_TUNNEL_IP,
    physicalNetworks: env.ZENITH_PHYSNETS,
    logger,
    resyncMs: env.ZENITH_NETWORK_RESYNC_S * 1000,
    meteringIntervalMs: env.ZENITH_METERING_INTERVAL_MS,
  });
}

/** Simulated networking; ports plugged when the fake compute driver's taps say so (ZENITH_FAKE_TAPS). */
function fakeDriver(host: string): NetworkDriver {
  if (env.ZENITH_FAKE_TAPS === "all") return new FakeDriver();
  const dir = fakeTapDir(env.ZENITH_DATA_DIR, host);
  return new FakeDriver({ devices: () => simulatedOrRealDevices(dir) });
}

/** The real host's networking, with DHCP, the metadata service, routers and the outside world. */
async function linuxDriver(
  host: string,
  token: () => Promise<string>,
  logger: Logger,
): Promise<NetworkDriver> {
  const metadata = new MetadataService({
    controlUrl: env.ZENITH_CONTROL_URL,
    token,
    logger: logger.child({ component: "metadata" }),
  });
  const netns = netnsOf(host);
  return new LinuxDriver({
    ...(netns === undefined ? {} : { netns }),
    tunnelIp: env.ZENITH_TUNNEL_IP,
    physicalNetworks: env.ZENITH_PHYSNETS,
    l3: linuxL3({
      stateDir: join(hostStateDir(env.ZENITH_DATA_DIR, "network", host), "l3"),
      metadata,
      env,
      logger: logger.child({ component: "l3" }),
    }),
    onClose: () => metadata.close(),
    logger: logger.child({ component: "driver" }),
  });
}

await runAgents(await Promise.all(hosts.map(makeAgent)), root);
