/**
 * QEMU for tests: whether the tools are installed (a missing one is a skip,
 * except under ZENITH_REQUIRE_QEMU=1, where `npm test` installed them and a
 * missing one is a failure) and cleaning up export daemons a test leaves.
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

function installed(binary: string): boolean {
  try {
    execFileSync("which", [binary], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const haveQemu = installed("qemu-img") && installed("qemu-storage-daemon") && installed("qemu-io");
if (!haveQemu && process.env.ZENITH_REQUIRE_QEMU === "1") {
  throw new Error("qemu-img, qemu-io or qemu-storage-daemon missing although ZENITH_REQUIRE_QEMU=1");
}

export async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  return state !== "Z" && state !== "X";
}

export async function waitGone(pid: number): Promise<void> {
  while (await alive(pid)) await sleep(20);
}

/** Kills every export daemon whose pid file lies under `dir` (afterAll: leave no process behind). */
export async function killDaemonsUnder(dir: string): Promise<void> {
  const exportsDir = join(dir, "exports");
  const names = await readdir(exportsDir).catch(() => []);
  for (const name of names) {
    const pid = Number.parseInt(await readFile(join(exportsDir, name, "pid"), "utf8").catch(() => ""), 10);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(exportsDir)) {
      process.kill(pid, "SIGKILL");
      await waitGone(pid);
    }
  }
}
