/**
 * The long-lived processes the L3 modules start inside namespaces (dnsmasq,
 * the metadata proxy) outlive the agent on purpose: guests keep their
 * leases and metadata while the agent restarts. They are found again by
 * their pid file, and a pid is only trusted when its command line is the
 * one we would start (pids get reused).
 */
import { readFile, rm, stat } from "node:fs/promises";

export async function readPid(pidFile: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(pidFile, "utf8")).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The process's argv, or null when it is gone or a zombie. */
export async function processArgv(pid: number): Promise<string[] | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The state follows the command name, which is in parentheses and may hold spaces.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return null;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    const parts = cmdline.split("\0");
    if (parts.at(-1) === "") parts.pop();
    return parts;
  } catch {
    return null;
  }
}

/** The pid from `pidFile` if that process runs and `matches` its argv. */
export async function runningPid(
  pidFile: string,
  matches: (argv: string[]) => boolean,
): Promise<number | null> {
  const pid = await readPid(pidFile);
  if (pid === null) return null;
  const argv = await processArgv(pid);
  return argv && matches(argv) ? pid : null;
}

/**
 * Whether the process lives in the named namespace. A namespace deleted and
 * made again under the same name is a new one: a dnsmasq left in the old
 * one would look alive while serving nobody.
 */
export async function inNetns(pid: number, netns: string): Promise<boolean> {
  try {
    const [proc, named] = await Promise.all([stat(`/proc/${pid}/ns/net`), stat(`/run/netns/${netns}`)]);
    return proc.ino === named.ino && proc.dev === named.dev;
  } catch {
    return false;
  }
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then SIGKILL if it is still there after a grace period; removes the pid file. */
export async function stopProcess(pidFile: string, matches: (argv: string[]) => boolean): Promise<void> {
  const pid = await runningPid(pidFile, matches);
  if (pid !== null) {
    const gone = async () => (await processArgv(pid)) === null;
    try {
      process.kill(pid, "SIGTERM");
      await waitFor(`process ${pid} to stop`, gone, 5_000);
    } catch {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
      await waitFor(`process ${pid} to die`, gone, 5_000);
    }
  }
  await rm(pidFile, { force: true });
}
