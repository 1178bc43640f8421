import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The TypeScript side of osc-zygote.py: one python process per test process
 * that has imported the CLI once and forks a child per `openstack` call
 * (~0.8 s of CPU saved per call). Started on first use, restarted after it
 * dies, stopped when the test process exits or after it idles.
 */

const SCRIPT = fileURLToPath(new URL("./osc-zygote.py", import.meta.url));
/** Calls in flight at once; more wait their turn (2 cores). */
const MAX_IN_FLIGHT = 4;
/** An idle zygote ends after this, so a finished suite leaves no python behind. */
const IDLE_MS = 60_000;
const START_TIMEOUT_MS = 60_000;
/** Beyond a call's own timeout (which the zygote enforces), how long to wait before calling the zygote hung. */
const GUARD_MS = 15_000;

export interface ZygoteResult {
  /** The exit status, or null when a signal ended the child. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const ready = z.object({ ready: z.literal(true), pid: z.number().int(), modules: z.number().int() });
const reply = z.object({
  id: z.number().int(),
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
});

/** `#! /usr/bin/python3 -s` → ["/usr/bin/python3", "-s"]: the zygote runs under the CLI's own interpreter. */
export function shebang(script: string): string[] {
  const first = readFileSync(script, "utf8").split("\n", 1)[0] ?? "";
  if (!first.startsWith("#!")) throw new Error(`${script} has no #! line`);
  const words = first.slice(2).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new Error(`${script} has an empty #! line`);
  return words;
}

/** The part of an environment the zygote is started with: everything but OS_* (requests differ only there). */
export function baseEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (!key.startsWith("OS_") && value !== undefined) base[key] = value;
  }
  return base;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

interface Pending {
  resolve(result: ZygoteResult): void;
  reject(err: Error): void;
}

class ZygoteProcess {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  private dead: Error | undefined;
  readonly started: Promise<void>;
  /** The zygote's pid once it is ready. */
  pid: number | undefined;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly env: Record<string, string>,
  ) {
    let markReady: () => void = () => {};
    let markFailed: (err: Error) => void = () => {};
    this.started = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    this.started.catch(() => {}); // callers of run() get the failure; nobody else need wait for it
    const timer = setTimeout(() => {
      markFailed(new Error(`osc-zygote did not start in ${START_TIMEOUT_MS} ms: ${this.stderrTail}`));
      child.kill("SIGKILL");
    }, START_TIMEOUT_MS);
    let gotReady = false;
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (!gotReady) {
        gotReady = true;
        clearTimeout(timer);
        const hello = ready.safeParse(parseJson(line));
        if (hello.success) {
          this.pid = hello.data.pid;
          markReady();
        } else markFailed(new Error(`osc-zygote said ${line.slice(0, 200)}`));
        return;
      }
      const res = reply.safeParse(parseJson(line));
      if (!res.success) {
        this.stderrTail += `\nunreadable answer: ${line.slice(0, 200)}`;
        child.kill("SIGKILL"); // its calls fail on "close" below
        return;
      }
      const waiter = this.pending.get(res.data.id);
      this.pending.delete(res.data.id);
      waiter?.resolve({
        code: res.data.code,
        signal: res.data.signal,
        timedOut: res.data.timedOut,
        stdout: Buffer.from(res.data.stdout, "base64").toString("utf8"),
        stderr: Buffer.from(res.data.stderr, "base64").toString("utf8"),
      });
      this.refWhileBusy();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    child.stdin.on("error", () => {}); // a dead zygote is reported by "close"
    const died = (why: string) => {
      clearTimeout(timer);
      this.dead ??= new Error(`osc-zygote ${why} ${this.stderrTail}`.trim());
      markFailed(this.dead);
      for (const waiter of this.pending.values()) waiter.reject(this.dead);
      this.pending.clear();
    };
    child.on("error", (err) => died(`could not run: ${err.message}`));
    // "close", not "exit": answers still in the pipe are read first.
    child.on("close", (code, signal) => died(`exited (${signal ?? code})`));
    this.refWhileBusy();
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  async run(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ZygoteResult> {
    await this.started;
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    const result = new Promise<ZygoteResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.refWhileBusy();
    const requestEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) requestEnv[k] = v;
    this.child.stdin.write(
      `${JSON.stringify({ id, argv, env: requestEnv, cwd: process.cwd(), timeoutMs })}\n`,
    );
    // The zygote enforces timeoutMs itself; this only guards against a zygote that hangs.
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      guard = setTimeout(
        () => reject(new Error(`osc-zygote gave no answer in ${timeoutMs + GUARD_MS} ms`)),
        timeoutMs + GUARD_MS,
      );
    });
    try {
      return await Promise.race([result, hung]);
    } finally {
      clearTimeout(guard);
    }
  }

  /** Closing stdin ends the zygote once its children are done. */
  stop(): void {
    this.child.stdin.end();
  }

  /** Keeps the test process alive only while a call is in flight. */
  private refWhileBusy(): void {
    // The stdio of a spawned child are net.Sockets, which the stream types do not show.
    const pipes = [this.child.stdout, this.child.stderr, this.child.stdin] as unknown as Array<{
      ref(): void;
      unref(): void;
    }>;
    for (const handle of [this.child, ...pipes]) {
      if (this.busy) handle.ref();
      else handle.unref();
    }
  }

  kill(): void {
    this.child.kill("SIGTERM");
  }
}

/** One zygote per test process; requests are bounded to MAX_IN_FLIGHT at once. */
export class Zygote {
  private proc: ZygoteProcess | undefined;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private exitHook = false;

  constructor(private readonly openstack: string) {}

  /** The running zygote's pid (undefined before the first call or after it ended). */
  get pid(): number | undefined {
    return this.proc?.alive ? this.proc.pid : undefined;
  }

  /** Null when the zygote cannot serve this environment (its non-OS_* part differs from the running zygote's). */
  async run(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ZygoteResult | null> {
    const base = baseEnv(env);
    await this.slot();
    try {
      const proc = this.process(base);
      if (!proc) return null;
      return await proc.run(argv, env, timeoutMs);
    } finally {
      this.release();
    }
  }

  private process(base: Record<string, string>): ZygoteProcess | undefined {
    if (this.proc?.alive && !sameEnv(this.proc.env, base)) {
      if (this.proc.busy) return undefined;
      this.proc.stop();
      this.proc = undefined;
    }
    if (!this.proc?.alive) {
      const [python = "python3", ...flags] = shebang(this.openstack);
      const child = spawn(python, [...flags, SCRIPT, this.openstack], { env: base, stdio: "pipe" });
      this.proc = new ZygoteProcess(child, base);
      if (!this.exitHook) {
        this.exitHook = true;
        process.on("exit", () => this.proc?.kill());
      }
    }
    return this.proc;
  }

  private async slot(): Promise<void> {
    clearTimeout(this.idleTimer);
    if (this.inFlight < MAX_IN_FLIGHT) this.inFlight++;
    else await new Promise<void>((resolve) => this.queue.push(resolve)); // the releaser hands its slot over
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) {
      next();
      return;
    }
    this.inFlight--;
    if (this.inFlight === 0) {
      this.idleTimer = setTimeout(() => {
        this.proc?.stop();
        this.proc = undefined;
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}
