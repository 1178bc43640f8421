import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StateStore } from "@zenith/agent-runtime/state-store";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { PowerState } from "../src/driver/types.ts";
import { hostNames, ZAgentEnv } from "../src/env.ts";
import { ZInstanceRecord, zeroCounters } from "../src/instance-record.ts";
import { nextPowerStep, type PowerStep, targetState } from "../src/power.ts";
import { tailLines } from "../src/rpc.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "compute-agent-unit-"));
  dirs.push(dir);
  return dir;
}

describe("nextPowerStep", () => {
  // What each call does to the power state, as the driver contract says.
  const effect: Record<PowerStep, PowerState> = {
    powerOn: PowerState.RUNNING,
    powerOff: PowerState.SHUTDOWN,
    pause: PowerState.PAUSED,
    unpause: PowerState.RUNNING,
    suspend: PowerState.SUSPENDED,
    resume: PowerState.RUNNING,
  };
  const from = [
    PowerState.RUNNING,
    PowerState.PAUSED,
    PowerState.SHUTDOWN,
    PowerState.CRASHED,
    PowerState.SUSPENDED,
  ];

  it("reaches every desired power from every state in at most two calls", () => {
    for (const desired of ["running", "stopped", "paused", "suspended"] as const) {
      for (const start of from) {
        let state: PowerState = start;
        let calls = 0;
        for (let step = nextPowerStep(state, desired); step; step = nextPowerStep(state, desired)) {
          state = effect[step];
          calls += 1;
        }
        expect(state, `${start} → ${desired}`).toBe(targetState[desired]);
        expect(calls).toBeLessThanOrEqual(2);
      }
    }
  });

  it("leaves a spawning (NOSTATE) guest alone", () => {
    expect(nextPowerStep(PowerState.NOSTATE, "stopped")).toBeUndefined();
  });
});

describe("env", () => {
  it("has the documented defaults", () => {
    const env = ZAgentEnv.parse({});
    expect(env).toMatchObject({
      ZENITH_CONTROL_URL: "http://localhost:5000",
      ZENITH_DATA_DIR: "./.zenith",
      ZENITH_COMPUTE_DRIVER: "fake",
      ZENITH_AVAILABILITY_ZONE: "nova",
      ZENITH_FAKE_VCPUS: 16,
      ZENITH_FAKE_MEMORY_MB: 32768,
      ZENITH_FAKE_DISK_GB: 500,
      ZENITH_COMPUTE_AGENTS: 1,
      LOG_LEVEL: "info",
    });
    expect(env.ZENITH_COMPUTE_HOST.length).toBeGreaterThan(0);
  });

  it("rejects what it cannot use", () => {
    expect(ZAgentEnv.safeParse({ ZENITH_COMPUTE_AGENTS: "0" }).success).toBe(false);
    expect(ZAgentEnv.safeParse({ ZENITH_COMPUTE_DRIVER: "xen" }).success).toBe(false);
    expect(ZAgentEnv.safeParse({ ZENITH_CONTROL_URL: "ftp://x" }).success).toBe(false);
    // A short shared secret would let anyone guess their way in as a compute host.
    const short = ZAgentEnv.safeParse({ ZENITH_AGENT_TOKEN: "t1" });
    expect(short.error?.issues[0]?.message).toMatch(/ZENITH_AGENT_TOKEN must be at least 32 bytes/);
  });

  it("names the hosts of one process", () => {
    expect(hostNames("h", 1)).toEqual(["h"]);
    expect(hostNames("h", 3)).toEqual(["h", "h-2", "h-3"]);
  });
});

describe("tailLines", () => {
  it("keeps the last N lines", () => {
    expect(tailLines("a\nb\nc\nlogin: ", 2)).toBe("c\nlogin: ");
    expect(tailLines("a\nb", undefined)).toBe("a\nb");
  });
});

describe("the instance record in the runtime's StateStore", () => {
  const log = createLogger("test", "silent");
  const record = { desired: null, applied: { ...zeroCounters(), rebootSeq: 4 }, snapshots: {} };

  it("round-trips the compute agent's state file", async () => {
    const dir = await tempDir();
    const store = new StateStore(join(dir, "state.json"), log, ZInstanceRecord);
    await store.save(() => new Map([["u1", record]]));
    expect(JSON.parse(await readFile(join(dir, "state.json"), "utf8"))).toEqual({
      version: 1,
      instances: { u1: record },
    });
    expect(await new StateStore(join(dir, "state.json"), log, ZInstanceRecord).load()).toEqual(
      new Map([["u1", record]]),
    );
  });
});
