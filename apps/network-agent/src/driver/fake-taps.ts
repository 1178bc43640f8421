/**
 * The fake compute driver's simulated taps, as the fake network driver
 * sees them: one file `<data>/fake-taps/<host>/<device>.json` per guest NIC,
 * present exactly as long as a real tap would be (written by the compute
 * side's `@zenith/agent-runtime/fake-taps`). Only the names matter here.
 * Real devices count too: a QEMU host whose networking is simulated still
 * has real taps.
 */
import { readdir } from "node:fs/promises";
import { hostStateDir } from "@zenith/agent-runtime/env";

export function fakeTapDir(dataDir: string, host: string): string {
  return hostStateDir(dataDir, "fake-taps", host);
}

/** The devices whose tap file exists (none while the folder does not). */
export async function fakeTapDevices(dir: string): Promise<Set<string>> {
  try {
    const names = await readdir(dir);
    return new Set(names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length)));
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return new Set();
    throw err;
  }
}

/** Simulated taps and the real devices of this namespace (`/sys/class/net`). */
export async function simulatedOrRealDevices(dir: string): Promise<Set<string>> {
  const [taps, real] = await Promise.all([fakeTapDevices(dir), readdir("/sys/class/net").catch(() => [])]);
  return new Set([...taps, ...real]);
}
