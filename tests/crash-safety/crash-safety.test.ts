import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe } from "vitest";
import { Cloud, qemuAvailable, type Suite, tempRoot, trace } from "./harness.ts";
import { buildScenarios } from "./scenario-build.ts";
import { controlRestartScenarios } from "./scenario-control-restart.ts";
import { deleteScenarios } from "./scenario-delete.ts";
import { runningGuestScenarios } from "./scenario-running.ts";

// Issue item 4, "Crash safety", each proven on real QEMU guests (zenith-tiny):
// one control plane in this process (its database on disk, so it can be
// restarted), and per scenario a compute host whose real agent runs as a
// child process and is killed with SIGKILL at a chosen point. The scenarios
// share the control plane (starting one costs ~15 s on 2 cores); each has
// its own host, availability zone, data folder and guests.
describe.runIf(qemuAvailable())(
  "crash safety on real QEMU guests (skipped where qemu-system-x86_64 or qemu-img is not installed; never in CI: ZENITH_REQUIRE_QEMU=1 fails instead)",
  () => {
    const suite = {} as Suite;

    beforeAll(async () => {
      suite.root = tempRoot("cs");
      suite.cloud = new Cloud(suite.root);
      await suite.cloud.start();
      trace(`control plane up at ${suite.cloud.url}`);
    });

    afterAll(async () => {
      await suite.cloud?.close();
      if (suite.root) rmSync(suite.root, { recursive: true, force: true });
    });

    buildScenarios(suite);
    runningGuestScenarios(suite);
    controlRestartScenarios(suite);
    deleteScenarios(suite);
  },
);
