import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { agentSocketUrl, backoffDelay } from "../src/connection.ts";
import { PowerState } from "../src/driver/types.ts";
import { agentTokenProvider, hostNames, ZAgentEnv } from "../src/env.ts";
import { nextPowerStep, type PowerStep, targetState } from "../src/power.ts";
import { tailLines } from "../src/rpc.ts";
import { StateStore, zeroCounters } from "../src/state-store.ts";
import { KeyedWorkers } from "../src/workers.ts";
import { waitFor } from "./wait.ts";

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

  it("reads the token inline, or from the file (default in the data dir) on every call", async () => {
    const dir = await tempDir();
    const inline = "t1".repeat(16);
    expect(await agentTokenProvider(ZAgentEnv.parse({ ZENITH_AGENT_TOKEN: inline }))()).toBe(inline);
    const fromFile = agentTokenProvider(ZAgentEnv.parse({ ZENITH_DATA_DIR: dir }));
    await expect(fromFile()).rejects.toThrow();
    await writeFile(join(dir, "agent-token"), "t2\n");
    expect(await fromFile()).toBe("t2");
  });

  it("names the hosts of one process", () => {
    expect(hostNames("h", 1)).toEqual(["h"]);
    expect(hostNames("h", 3)).toEqual(["h", "h-2", "h-3"]);
  });
});

describe("connection helpers", () => {
  it("turns the control URL into the agent socket URL", () => {
    expect(agentSocketUrl("http://ctl:5000/")).toBe("ws://ctl:5000/agent/v1/compute");
    expect(agentSocketUrl("https://ctl/zenith")).toBe("wss://ctl/zenith/agent/v1/compute");
  });

  it("backs off exponentially with jitter, capped", () => {
    const b = { initialMs: 100, maxMs: 1_000 };
    for (let i = 0; i < 50; i++) {
      expect(backoffDelay(0, b)).toBeGreaterThanOrEqual(50);
      expect(backoffDelay(0, b)).toBeLessThanOrEqual(100);
      expect(backoffDelay(3, b)).toBeGreaterThanOrEqual(400);
      expect(backoffDelay(40, b)).toBeLessThanOrEqual(1_000);
    }
  });
});

describe("tailLines", () => {
  it("keeps the last N lines", () => {
    expect(tailLines("a\nb\nc\nlogin: ", 2)).toBe("c\nlogin: ");
    expect(tailLines("a\nb", undefined)).toBe("a\nb");
  });
});

describe("StateStore", () => {
  const log = createLogger("test", "silent");
  const record = { desired: null, applied: { ...zeroCounters(), rebootSeq: 4 }, snapshots: {} };

  it("round-trips and leaves no temp files", async () => {
    const dir = await tempDir();
    const store = new StateStore(join(dir, "state.json"), log);
    expect((await store.load()).size).toBe(0);
    await Promise.all([1, 2, 3].map(() => store.save(() => new Map([["u1", record]]))));
    expect(await new StateStore(join(dir, "state.json"), log).load()).toEqual(new Map([["u1", record]]));
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("moves a corrupt file aside instead of failing", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "state.json"), "{ half a fi");
    expect((await new StateStore(join(dir, "state.json"), log).load()).size).toBe(0);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0] ?? ""), "utf8")).toBe("{ half a fi");
  });
});

describe("KeyedWorkers", () => {
  it("runs one pass per key at a time, coalesces kicks, and bounds concurrency", async () => {
    let running = 0;
    let peak = 0;
    const perKey = new Map<string, number>();
    const gates: Array<() => void> = [];
    const workers = new KeyedWorkers(2, async (key) => {
      running += 1;
      peak = Math.max(peak, running);
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
    });
    for (const key of ["a", "b", "c", "a", "a"]) workers.kick(key);
    await waitFor("two passes running", () => (gates.length === 2 ? true : undefined));
    while (workers.busy("a") || workers.busy("b") || workers.busy("c")) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await workers.idle();
    expect(peak).toBe(2);
    // "a" was kicked again while its first pass ran: exactly one more pass.
    expect(Object.fromEntries(perKey)).toEqual({ a: 2, b: 1, c: 1 });
  });
});
