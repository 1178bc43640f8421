/**
 * QEMU run states → Nova power states, as Nova's libvirt driver would see
 * them, for every state QEMU has: the table is checked against the
 * installed QEMU's own QMP schema, so a state a newer QEMU adds shows here.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { QmpClient } from "../src/driver/qemu/qmp.ts";
import { powerStateOfStatus, QMP_RUN_STATES } from "../src/driver/qemu/run-state.ts";
import { PowerState } from "../src/driver/types.ts";

const { RUNNING, PAUSED, SHUTDOWN, CRASHED } = PowerState;
const realQemu = spawnSync("sh", ["-c", "command -v qemu-system-x86_64"], { encoding: "utf8" }).stdout.trim();

describe("QEMU run state → power state", () => {
  it.each([
    ["running", RUNNING],
    ["paused", PAUSED],
    ["suspended", PAUSED],
    ["shutdown", SHUTDOWN],
    ["internal-error", CRASHED],
    ["guest-panicked", CRASHED],
    ["io-error", CRASHED],
    ["watchdog", PAUSED],
    ["prelaunch", PAUSED],
    ["inmigrate", PAUSED],
    ["postmigrate", PAUSED],
    ["finish-migrate", PAUSED],
    ["save-vm", PAUSED],
    ["restore-vm", PAUSED],
    ["debug", PAUSED],
    ["colo", PAUSED],
  ] as const)("%s → %i", (state, power) => {
    expect(powerStateOfStatus(state)).toBe(power);
  });

  it("a state this table does not know (a newer QEMU) is paused-like: alive, not running", () => {
    expect(powerStateOfStatus("some-future-state")).toBe(PAUSED);
  });

  it.skipIf(realQemu === "")(
    "covers every RunState of the installed QEMU (skipped where qemu-system-x86_64 is not installed)",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "zenith-runstate-"));
      const socket = join(dir, "qmp.sock");
      const qemu = spawn(
        realQemu,
        ["-machine", "none", "-display", "none", "-nodefaults", "-qmp", `unix:${socket},server=on,wait=on`],
        { stdio: "ignore" },
      );
      try {
        const qmp = await connectWhenListening(socket);
        const schema = z
          .array(z.looseObject({ "meta-type": z.string(), values: z.array(z.string()).optional() }))
          .parse(await qmp.execute("query-qmp-schema"));
        // Introspection hides type names; RunState is the enum holding both of these.
        const runStates = schema.find(
          (t) =>
            t["meta-type"] === "enum" &&
            t.values?.includes("guest-panicked") &&
            t.values.includes("internal-error"),
        )?.values;
        expect(runStates).toBeDefined();
        expect([...(runStates ?? [])].sort()).toEqual(Object.keys(QMP_RUN_STATES).sort());
        qmp.close();
      } finally {
        qemu.kill("SIGKILL");
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

/** QEMU creates the socket soon after it starts: retry until it accepts. */
async function connectWhenListening(path: string): Promise<QmpClient> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await QmpClient.connect(path, 5_000);
    } catch (err) {
      if (attempt >= 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
