import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { agentSocketUrl, backoffDelay } from "../src/connection.ts";
import { readCredential, SerialLock } from "../src/enrolment.ts";
import { joinTokenProvider, sharedTokenProvider, ZAgentRuntimeEnv } from "../src/env.ts";
import { StateStore } from "../src/state-store.ts";
import { KeyedWorkers } from "../src/workers.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "agent-runtime-unit-"));
  dirs.push(dir);
  return dir;
}

/** Waiting for a state, never a fixed sleep. */
async function waitFor(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("env: how a host gets its credential", () => {
  it("uses a shared token only when one is configured explicitly", async () => {
    const dir = await tempDir();
    expect(sharedTokenProvider(ZAgentRuntimeEnv.parse({ ZENITH_DATA_DIR: dir }))).toBeUndefined();
    const inline = "t1".repeat(16);
    expect(await sharedTokenProvider(ZAgentRuntimeEnv.parse({ ZENITH_AGENT_TOKEN: inline }))?.()).toBe(
      inline,
    );
    // A shared secret shorter than 32 bytes is refused, saying which variable.
    expect(() => ZAgentRuntimeEnv.parse({ ZENITH_AGENT_TOKEN: "t1" })).toThrow(/ZENITH_AGENT_TOKEN/);
    await writeFile(join(dir, "shared"), "t2\n");
    const fromFile = sharedTokenProvider(
      ZAgentRuntimeEnv.parse({ ZENITH_AGENT_TOKEN_FILE: join(dir, "shared") }),
    );
    expect(await fromFile?.()).toBe("t2");
  });

  it("reads the join token inline, or from the file (default in the data dir) on every call", async () => {
    const dir = await tempDir();
    expect(await joinTokenProvider(ZAgentRuntimeEnv.parse({ ZENITH_AGENT_JOIN_TOKEN: "j1" }))()).toBe("j1");
    const fromFile = joinTokenProvider(ZAgentRuntimeEnv.parse({ ZENITH_DATA_DIR: dir }));
    expect(await fromFile()).toBeUndefined();
    await writeFile(join(dir, "agent-join-token"), "j2\n");
    expect(await fromFile()).toBe("j2");
    await writeFile(join(dir, "agent-join-token"), "j3\n");
    expect(await fromFile()).toBe("j3");
  });
});

describe("enrolment helpers", () => {
  it("refuses a stored credential of another host", async () => {
    const dir = await tempDir();
    const file = join(dir, "credential.json");
    expect(await readCredential(file, "h1")).toBeUndefined();
    await writeFile(file, JSON.stringify({ version: 1, host: "h1", credential: "secret" }));
    expect(await readCredential(file, "h1")).toBe("secret");
    await expect(readCredential(file, "h2")).rejects.toThrow("belongs to host h1");
  });

  it("runs locked jobs one after another, also after a failure", async () => {
    const lock = new SerialLock();
    const order: string[] = [];
    let release = () => {};
    const first = lock.run(
      () =>
        new Promise<void>((resolve) => {
          order.push("first start");
          release = () => {
            order.push("first end");
            resolve();
          };
        }),
    );
    const failing = lock.run(async () => {
      order.push("second");
      throw new Error("boom");
    });
    const third = lock.run(async () => {
      order.push("third");
    });
    await waitFor("the first job", () => order.length === 1);
    release();
    await first;
    await expect(failing).rejects.toThrow("boom");
    await third;
    expect(order).toEqual(["first start", "first end", "second", "third"]);
  });
});

describe("connection helpers", () => {
  it("turns the control URL into the agent socket URL", () => {
    expect(agentSocketUrl("http://ctl:5000/", "/agent/v1/compute")).toBe("ws://ctl:5000/agent/v1/compute");
    expect(agentSocketUrl("https://ctl/zenith", "/agent/v1/compute")).toBe(
      "wss://ctl/zenith/agent/v1/compute",
    );
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

describe("StateStore", () => {
  const log = createLogger("test", "silent");
  const ZRecord = z.object({ desired: z.string().nullable(), applied: z.number() });
  const record = { desired: null, applied: 4 };

  it("round-trips and leaves no temp files", async () => {
    const dir = await tempDir();
    const store = new StateStore(join(dir, "state.json"), log, ZRecord);
    expect((await store.load()).size).toBe(0);
    await Promise.all([1, 2, 3].map(() => store.save(() => new Map([["u1", record]]))));
    expect(await new StateStore(join(dir, "state.json"), log, ZRecord).load()).toEqual(
      new Map([["u1", record]]),
    );
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("moves a corrupt file (or one its schema refuses) aside instead of failing", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "state.json"), "{ half a fi");
    expect((await new StateStore(join(dir, "state.json"), log, ZRecord).load()).size).toBe(0);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0] ?? ""), "utf8")).toBe("{ half a fi");
    await writeFile(
      join(dir, "state.json"),
      JSON.stringify({ version: 1, instances: { u1: { applied: "x" } } }),
    );
    expect((await new StateStore(join(dir, "state.json"), log, ZRecord).load()).size).toBe(0);
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
    await waitFor("two passes running", () => gates.length === 2);
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
