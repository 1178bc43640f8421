// Small process helpers shared by `npm start`, `npm test` and the benchmarks.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** Asks the OS for a free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

/** How long a service's process must outlive its first good answer (see waitForUrl). */
const ALIVE_AFTER_ANSWER_MS = 1_000;

/**
 * Polls `url` until it answers 2xx or 3xx, or throws after `timeoutMs`. With
 * `child`, fails as soon as that process exits, also just after the answer:
 * a port taken by someone else meanwhile (freePort cannot reserve it) answers
 * for a service that then dies of EADDRINUSE (a bench once ran without its BFF,
 * a test's control plane answering 404 on the BFF's port).
 *
 * @param {string} url
 * @param {{ timeoutMs?: number, child?: import("node:child_process").ChildProcess }} [opts]
 */
export async function waitForUrl(url, { timeoutMs = 120_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  const exited = () => child && (child.exitCode !== null || child.signalCode !== null);
  while (Date.now() < deadline) {
    if (exited()) {
      throw new Error(`${url}: process exited with code ${child.exitCode} before it answered`);
    }
    let answered = false;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      answered = res.status < 400;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    if (answered) {
      if (child) await new Promise((r) => setTimeout(r, ALIVE_AFTER_ANSWER_MS));
      if (exited()) {
        throw new Error(
          `${url} answered, but its process exited (code ${child.exitCode}): another process holds the port`,
        );
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/**
 * Starts a long-running service. Output is prefixed with its name (or
 * collected to a log file when `logFile` is a writable stream).
 */
export function startService(name, command, args, { cwd, env, quiet = false, logStream } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = "";
    stream.on("data", (chunk) => {
      if (logStream) logStream.write(chunk);
      if (quiet) return;
      buf += chunk.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(`${prefix + line}\n`);
    });
  }
  child.serviceName = name;
  child.startedAt = Date.now();
  // How a supervisor starts the same service again after it died.
  child.respawn = () => startService(name, command, args, { cwd, env, quiet, logStream });
  return child;
}

/**
 * Keeps services running: a child that exits (crash, OOM, kill) is started
 * again after a back-off that doubles per quick failure up to `maxMs`, and
 * falls back to `initialMs` once a run lasted `healthyMs`. `stop()` ends
 * supervision first (no restart can start after it) and then the services.
 * Children must come from startService (they carry `respawn`).
 */
export class Supervisor {
  /**
   * @param {{
   *   initialMs?: number, maxMs?: number, healthyMs?: number,
   *   log?: (line: string) => void,
   *   onRestart?: (restart: { name: string, delay: number, code: number | null, signal: string | null }) => void,
   * }} [options]
   */
  constructor({
    initialMs = 1_000,
    maxMs = 30_000,
    healthyMs = 60_000,
    log = (line) => process.stderr.write(`${line}\n`),
    onRestart = () => {},
  } = {}) {
    this.options = { initialMs, maxMs, healthyMs };
    this.log = log;
    this.onRestart = onRestart;
    this.stopped = false;
    /** Current child per service, in start order. */
    this.current = new Map();
    this.delays = new Map();
    this.timers = new Set();
  }

  /** The live children (for stopServices and status). */
  get children() {
    return [...this.current.values()];
  }

  /** Restarts scheduled and not yet started. */
  get pendingRestarts() {
    return this.timers.size;
  }

  watch(child) {
    const name = child.serviceName;
    this.current.set(name, child);
    let handled = false;
    // A child that could not even start reports "error" and may never report "exit".
    child.once("error", (err) => {
      this.log(`${name}: ${err.message}`);
      if (child.pid === undefined) child.emit("exit", null, null);
    });
    child.once("exit", (code, signal) => {
      if (handled || this.stopped || this.current.get(name) !== child) return;
      handled = true;
      const { initialMs, maxMs, healthyMs } = this.options;
      const ranMs = Date.now() - (child.startedAt ?? Date.now());
      const delay = ranMs >= healthyMs ? initialMs : (this.delays.get(name) ?? initialMs);
      this.delays.set(name, Math.min(delay * 2, maxMs));
      const how = signal ? `signal ${signal}` : `code ${code}`;
      this.log(`${name} exited with ${how} after ${ranMs} ms; restarting it in ${delay} ms`);
      this.onRestart({ name, delay, code, signal });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.stopped) return;
        const next = child.respawn();
        this.log(`${name} restarted (pid ${next.pid})`);
        this.watch(next);
      }, delay);
      this.timers.add(timer);
    });
    return child;
  }

  /** Ends supervision, then stops every service it watches. */
  async stop(graceMs) {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await stopServices(this.children, graceMs);
  }
}

/** Stops services (SIGTERM to their process groups, SIGKILL after a grace period). */
export async function stopServices(children, graceMs = 8_000) {
  const alive = children.filter(
    (c) => c && c.pid !== undefined && c.exitCode === null && c.signalCode === null,
  );
  for (const c of alive) {
    try {
      process.kill(-c.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  await Promise.all(
    alive.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            try {
              process.kill(-c.pid, "SIGKILL");
            } catch {
              /* already gone */
            }
            resolve();
          }, graceMs);
          c.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
}

/** Runs a command to completion, inheriting stdio; resolves with its exit code. */
export function run(command, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * How services written in TypeScript run: node with tsx as a loader, in one
 * process (the `tsx` command would add a wrapper process of ~45 MiB each).
 */
/**
 * Every Node service runs TypeScript through tsx. A 4 MiB young generation
 * (V8's default is 16 MiB per semi-space) keeps an idle service ~20-90 MiB
 * smaller for a few more short scavenges under load (bench/memory.mjs).
 */
export const NODE_HEAP_FLAGS = ["--max-semi-space-size=4"];
export const NODE_TS = [process.execPath, ...NODE_HEAP_FLAGS, "--import", "tsx"];
