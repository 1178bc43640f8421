/**
 * The fake compute driver's simulated taps, as the fake network driver
 * sees them: one file `<data>/fake-taps/<host>/<device>.json` per guest NIC,
 * present exactly as long as a real tap would be (written by the compute
 * side's `@zenith/agent-runtime/fake-taps`). Only the names matter here.
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
