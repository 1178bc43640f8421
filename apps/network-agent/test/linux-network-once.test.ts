/**
 * One `ensureNetwork` on a fresh host sets up the whole network: the bridge
 * and its vxlan device in the same call (a first pass that made only the
 * bridge left the network broken until the next resync, 15 s later).
 * The host is a namespace made here and removed after, also on failure.
 */
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeName, LinuxDriver, vxlanName } from "../src/driver/linux/driver.ts";
import { run } from "../src/driver/linux/exec.ts";
import { noL3 } from "../src/driver/linux/l3.ts";
import { probeLinuxNetworking } from "../src/driver/linux/probe.ts";
import { Namespaces } from "./netns.ts";
import { vxlanNetwork } from "./specs.ts";

const probe = await probeLinuxNetworking();
const logger = createLogger("linux-network-once-test", "silent");

describe.skipIf(!probe.ok)(
  `linux driver, a new vxlan network${probe.ok ? "" : ` (skipped: this process cannot change networking: ${probe.reason})`}`,
  () => {
    const ns = new Namespaces();
    let host = "";

    beforeAll(async () => {
      host = await ns.add("once");
      await run(["ip", "-n", host, "link", "add", "ul0", "type", "bridge"]);
      await run(["ip", "-n", host, "addr", "add", "192.0.2.1/24", "dev", "ul0"]);
      await run(["ip", "-n", host, "link", "set", "ul0", "up"]);
    });

    afterAll(async () => {
      await ns.removeAll();
    });

    it("makes the bridge, the vxlan device in it and its flooding entry in one call", async () => {
      const driver = new LinuxDriver({
        netns: host,
        tunnelIp: "192.0.2.1",
        physicalNetworks: [],
        l3: noL3,
        logger,
      });
      await driver.init();
      const network = vxlanNetwork(`n1${ns.suffix}-0000-once`, 4003, ["192.0.2.2"]);
      expect(await driver.ensureNetwork(network, 0)).toBe(true);
      const vx = await run(["ip", "-j", "-d", "link", "show", "dev", vxlanName(4003)], { netns: host });
      expect(vx).toContain(`"master":"${bridgeName(network.id)}"`);
      const fdb = await run(["bridge", "-j", "fdb", "show", "dev", vxlanName(4003)], { netns: host });
      expect(fdb).toContain('"dst":"192.0.2.2"');
      // Nothing left to do: a second call changes nothing.
      expect(await driver.ensureNetwork(network, 0)).toBe(false);
    });
  },
);
