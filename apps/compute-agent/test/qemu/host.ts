/** What the host says about guests, independent of the driver: processes, sockets, files. */
import { readdir, readFile } from "node:fs/promises";
import type { Duplex } from "node:stream";

/** Pids of live processes whose command line names `uuid` (zombies have an empty command line). */
export async function processesNaming(uuid: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(uuid)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Time run and time waited for a CPU (ns) of every thread of `pid`: the
 * kernel's scheduler statistics, to tell what a process got from what it wanted.
 */
export async function schedTimes(pid: number): Promise<{ runNs: number; waitNs: number }> {
  let runNs = 0;
  let waitNs = 0;
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const text = await readFile(`/proc/${pid}/task/${tid}/schedstat`, "utf8").catch(() => "0 0 0");
    const [run = "0", wait = "0"] = text.trim().split(/\s+/);
    runNs += Number(run);
    waitNs += Number(wait);
  }
  return { runNs, waitNs };
}

/** Collects a console stream's output; `until` waits for a pattern in what arrived so far. */
export function recorder(stream: Duplex): {
  text: () => string;
  until: (pattern: RegExp | string, timeoutMs: number) => Promise<string>;
  ended: Promise<void>;
} {
  let text = "";
  const waiters = new Set<() => void>();
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const wake of waiters) wake();
  });
  const ended = new Promise<void>((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
  });
  const matches = (pattern: RegExp | string) =>
    typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
  return {
    text: () => text,
    until: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!matches(pattern)) return;
          done();
          resolve(text);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; got: ${text.slice(-500)}`),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    ended,
  };
}
