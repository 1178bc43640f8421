import { chmodSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readControlEnv } from "../src/env.ts";
import { writePasswords } from "../src/passwords-file.ts";
import { startTestControl, tempDir, testTargets } from "./harness.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("the data folder and the secrets in it", () => {
  const scratch = tempDir("zenith-datadir-");
  afterAll(() => scratch.remove());

  it("is created 0700 (and an existing wider one tightened), with the generated secrets (agent join token, portal secret) 0600", async () => {
    const [target] = testTargets();
    if (!target) throw new Error("no test target");
    const fresh = join(scratch.path, "fresh", ".zenith");
    const old = join(scratch.path, "old");
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    for (const dataDir of [fresh, old]) {
      const control = await startTestControl(target, { dataDir, imageDir: join(dataDir, "images") });
      try {
        expect(modeOf(dataDir)).toBe(0o700);
        expect(modeOf(join(dataDir, "agent-join-token"))).toBe(0o600);
        expect(modeOf(join(dataDir, "portal-secret"))).toBe(0o600);
      } finally {
        await control.close();
      }
    }
  });

  it("writes the bootstrap passwords 0600 into a 0700 folder", () => {
    const dir = join(scratch.path, "passwords");
    const file = writePasswords(dir, { admin: "a", demo: "d" });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it("refuses a shared secret shorter than 32 bytes from the environment, saying why", () => {
    expect(() => readControlEnv({ ZENITH_AGENT_TOKEN: "short-token" })).toThrow(
      /ZENITH_AGENT_TOKEN must be at least 32 bytes/,
    );
    const long = "k".repeat(32);
    expect(readControlEnv({ ZENITH_AGENT_TOKEN: long }).ZENITH_AGENT_TOKEN).toBe(long);
    expect(readControlEnv({}).ZENITH_AGENT_TOKEN).toBeUndefined();
  });
});
