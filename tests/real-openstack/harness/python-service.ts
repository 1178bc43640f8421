import { type ChildProcess, spawn } from "node:child_process";

/**
 * Debian's Python services as child processes of the suite: each in a
 * process group of its own (gnocchi-metricd forks workers), its output kept
 * (the last lines are shown when it fails), stopped by its group id only.
 */

/** Debian's interpreter: another `python3` may come first on PATH and lack Debian's modules. */
export const PYTHON = "/usr/bin/python3";

const KEEP_CHARS = 16_000;

export interface PythonService {
  name: string;
  child: ChildProcess;
  /** The last output (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves with the first output line matching `pattern`; fails if the process exits or `ms` pass first. */
  waitForLine(pattern: RegExp, ms: number): Promise<RegExpExecArray>;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startPython(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): PythonService {
  const child = spawn(PYTHON, [...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYTHONUNBUFFERED: "1", ...env },
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-KEEP_CHARS);
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
  });

  const service: PythonService = {
    name,
    child,
    output: () => output,
    waitForLine(pattern, ms) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          for (const line of output.split("\n")) {
            const match = pattern.exec(line);
            if (match) {
              done();
              resolve(match);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no line matching ${pattern} within ${ms} ms\n${output.slice(-4000)}`));
        }, ms);
        listeners.add(check);
        void exited.then(() => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode})\n${output.slice(-4000)}`));
        });
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const group = -child.pid;
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(group, sig);
        } catch {
          // The group is gone already.
        }
      };
      signal("SIGTERM");
      const killTimer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(killTimer);
      // Workers a master leaves behind (metricd's) share its group.
      signal("SIGKILL");
    },
  };
  return service;
}

/** Runs a Python command to its end (bounded), failing with its output when it fails. */
export async function runPython(name: string, args: readonly string[], ms: number): Promise<string> {
  const service = startPython(name, args);
  const code = await new Promise<number | string | null>((resolve) => {
    const timer = setTimeout(() => {
      void service.stop(1_000);
    }, ms);
    service.child.once("exit", (exitCode, signal) => {
      clearTimeout(timer);
      resolve(exitCode ?? signal);
    });
    if (service.child.exitCode !== null) resolve(service.child.exitCode);
  });
  if (code !== 0)
    throw new Error(`${name} failed (${code}) within ${ms} ms:\n${service.output().slice(-4000)}`);
  return service.output();
}
