import type { ChildProcess } from "node:child_process";
import { waitFor } from "@zenith/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { Supervisor, startService } from "../../scripts/lib/processes.mjs";

interface Restart {
  name: string;
  delay: number;
}

/** A service that runs `script` with node; quiet, so the test output stays readable. */
function service(name: string, script: string): ChildProcess {
  return startService(name, process.execPath, ["-e", script], { quiet: true });
}

describe("npm start's supervisor", () => {
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stop(2_000);
  });

  it("restarts a service that dies, with a back-off that doubles up to its cap, and says so", async () => {
    const restarts: Restart[] = [];
    const lines: string[] = [];
    supervisor = new Supervisor({
      initialMs: 10,
      maxMs: 40,
      healthyMs: 60_000,
      log: (line: string) => {
        lines.push(line);
      },
      onRestart: (r: Restart) => {
        restarts.push(r);
      },
    });
    const first = supervisor.watch(service("crashy", "process.exit(3)"));
    await waitFor(async () => restarts.length >= 5);
    expect(restarts.slice(0, 5).map((r) => r.delay)).toEqual([10, 20, 40, 40, 40]);
    expect(supervisor.children[0]?.pid).not.toBe(first.pid);
    expect(lines.some((l) => /crashy exited with code 3 .*restarting it in 10 ms/.test(l))).toBe(true);
    expect(lines.some((l) => /crashy restarted \(pid \d+\)/.test(l))).toBe(true);
  });

  it("goes back to the first delay after a run that lasted the healthy period", async () => {
    const restarts: Restart[] = [];
    supervisor = new Supervisor({
      initialMs: 10,
      maxMs: 1_000,
      healthyMs: 150,
      log: () => {},
      onRestart: (r: Restart) => {
        restarts.push(r);
      },
    });
    // Each run lasts at least 300 ms, longer than the healthy period: never a growing back-off.
    supervisor.watch(service("slow", "setTimeout(() => process.exit(1), 300)"));
    await waitFor(async () => restarts.length >= 3);
    expect(restarts.slice(0, 3).map((r) => r.delay)).toEqual([10, 10, 10]);
  });

  it("stop() ends restarts and stops the running services", async () => {
    const restarts: Restart[] = [];
    supervisor = new Supervisor({
      initialMs: 600_000,
      log: () => {},
      onRestart: (r: Restart) => {
        restarts.push(r);
      },
    });
    const dying = supervisor.watch(service("dying", "process.exit(1)"));
    const steady = supervisor.watch(service("steady", "setInterval(() => {}, 1000)"));
    await waitFor(async () => restarts.length === 1);
    await supervisor.stop(5_000);
    expect(steady.exitCode !== null || steady.signalCode !== null).toBe(true);
    // The pending restart of "dying" was cancelled: none is left to fire, and the dead child was not replaced.
    expect(supervisor.pendingRestarts).toBe(0);
    expect(supervisor.children.map((c) => c.pid)).toContain(dying.pid);
    expect(restarts.map((r) => r.name)).toEqual(["dying"]);
  });
});

describe("npm start's supervisor with a command that cannot start", () => {
  it("logs the failure and keeps retrying instead of crashing npm start", async () => {
    const restarts: Restart[] = [];
    const lines: string[] = [];
    const supervisor = new Supervisor({
      initialMs: 10,
      maxMs: 20,
      log: (line: string) => {
        lines.push(line);
      },
      onRestart: (r: Restart) => {
        restarts.push(r);
      },
    });
    try {
      supervisor.watch(startService("missing", "/nonexistent/zenith-binary", [], { quiet: true }));
      await waitFor(async () => restarts.length >= 2);
      expect(lines.some((l) => /missing: spawn \/nonexistent\/zenith-binary ENOENT/.test(l))).toBe(true);
    } finally {
      await supervisor.stop(1_000);
    }
  });
});
