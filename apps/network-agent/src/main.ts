/**
 * The network agent process: one agent per host, several hosts in one
 * process when `ZENITH_NETWORK_AGENTS` > 1 (the same host names as the
 * compute agents, whose credential each host shares). SIGINT/SIGTERM stop
 * the agents; bridges, rules and namespaces stay and keep carrying traffic.
 */
import { SerialLock } from "@zenith/agent-runtime/enrolment";
import { agentCredential, sharedTokenProvider } from "@zenith/agent-runtime/env";
import { runAgents } from "@zenith/agent-runtime/process";
import { parseEnv } from "@zenith/core/env";
import { createLogger } from "@zenith/core/logger";
import { NetworkAgent } from "./agent.ts";
import { FakeDriver } from "./driver/fake.ts";
import { LinuxDriver } from "./driver/linux/driver.ts";
import { noL3 } from "./driver/linux/l3.ts";
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
if (driverKind === "linux" && hosts.length > 1) {
  // Several hosts in one namespace would fight over the same bridges and rules.
  root.fatal({ hosts: hosts.length }, "the linux driver wires the real host: run one host per process");
  process.exit(1);
}
root.info({ driver: driverKind, requested: env.ZENITH_NETWORK_DRIVER }, `network driver: ${driverKind}`);

function makeAgent(host: string): NetworkAgent {
  const logger = root.child({ host });
  const driver: NetworkDriver =
    driverKind === "linux"
      ? new LinuxDriver({
          tunnelIp: env.ZENITH_TUNNEL_IP,
          physicalNetworks: env.ZENITH_PHYSNETS,
          // DHCP, routers and the outside world: the L3 modules' linuxL3 once they are merged in.
          l3: noL3,
          logger: logger.child({ component: "driver" }),
        })
      : new FakeDriver();
  return new NetworkAgent({
    host,
    controlUrl: env.ZENITH_CONTROL_URL,
    token: agentCredential(env, { host, logger: logger.child({ component: "enrolment" }), lock: enrolments }),
    dataDir: env.ZENITH_DATA_DIR,
    driver,
    tunnelIp: env.ZENITH_TUNNEL_IP,
    physicalNetworks: env.ZENITH_PHYSNETS,
    logger,
    resyncMs: env.ZENITH_NETWORK_RESYNC_S * 1000,
  });
}

await runAgents(hosts.map(makeAgent), root);
