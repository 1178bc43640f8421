import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "./harness.ts";

const CONTROL = join(import.meta.dirname, "..");
const dir = tempDir("zenith-main-");
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  dir.remove();
});

/** Runs `src/main.ts` (as npm start does) until it logs its logins; returns that line, then stops it. */
async function startOnce(): Promise<string> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: CONTROL,
    env: {
      PATH: process.env.PATH,
      ZENITH_DATA_DIR: dir.path,
      ZENITH_CONTROL_PORT: "0",
      ZENITH_SEED_STARTER_IMAGE: "false",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = proc;
  let out = "";
  const line = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = out.split("\n").find((l) => l.includes("Zenith identity at"));
      if (found) resolve(found);
    });
    proc.on("exit", (code) => reject(new Error(`control plane exited (${code}) before logging its logins`)));
  });
  const exited = new Promise((resolve) => proc.on("exit", resolve));
  proc.kill("SIGTERM");
  await exited;
  child = undefined;
  return line;
}

describe("the control plane's start-up message", () => {
  it("prints the generated passwords on the first start only, then names the passwords file", async () => {
    const first = JSON.parse(await startOnce());
    expect(first.firstStart).toBe(true);
    const stored = await import("../src/passwords-file.ts").then((m) => m.readPasswords(dir.path));
    if (!stored) throw new Error("no passwords file after the first start");
    expect(first.logins.admin).toContain(stored.admin);

    const second = JSON.parse(await startOnce());
    expect(second.firstStart).toBe(false);
    expect(JSON.stringify(second)).not.toContain(stored.admin);
    expect(JSON.stringify(second)).not.toContain(stored.demo);
    expect(second.logins.admin).toContain(join(dir.path, "passwords.json"));
  }, 300_000);
});
