/**
 * Runs the networking tools (`ip`, `bridge`, `nft`, `dnsmasq`, `sysctl`) the
 * linux driver drives. Arguments are passed as an array (never through a
 * shell), output is bounded, and a failure carries the tool's own message.
 */
import { execFile } from "node:child_process";

/** Longest output kept from one command (`ip -j addr` of a busy host stays far below). */
const MAX_OUTPUT = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command.join(" ")} failed (exit ${exitCode ?? "signal"}): ${stderr.trim().slice(0, 500)}`);
    this.name = "CommandError";
  }
}

export interface RunOptions {
  /** Run inside this network namespace (`ip netns exec NS …`). */
  netns?: string | undefined;
  /** Written to the command's stdin (e.g. an `nft -f -` ruleset). */
  input?: string | undefined;
  timeoutMs?: number | undefined;
}

/** Runs `argv` and resolves with its stdout; rejects with a CommandError on a non-zero exit. */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<string> {
  const full = opts.netns ? ["ip", "netns", "exec", opts.netns, ...argv] : [...argv];
  const [file, ...args] = full;
  if (file === undefined) return Promise.reject(new Error("empty command"));
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { maxBuffer: MAX_OUTPUT, timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof err.code === "number" ? err.code : null;
          reject(new CommandError(full, code, stderr || err.message));
          return;
        }
        resolve(stdout);
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Like `run`, but false instead of an error (for probes and "delete if present"). */
export async function tryRun(argv: readonly string[], opts: RunOptions = {}): Promise<boolean> {
  try {
    await run(argv, opts);
    return true;
  } catch (err) {
    if (err instanceof CommandError) return false;
    throw err;
  }
}
