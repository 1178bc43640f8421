/**
 * Simulated tap devices, shared by the fake drivers of one host: the fake
 * compute driver "creates" a tap per guest NIC as a small file
 * `<dir>/<device>.json`, and the fake network driver reads the folder where
 * the linux driver would look for `/sys/class/net/<device>`. A file appears
 * when the NIC is added (spawn, hot-plug) and goes with it (unplug,
 * destroy), so ports are "present" exactly as long as a real tap would be.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { hostStateDir } from "./env.ts";
import { parseJson } from "./json.ts";

export const ZFakeTap = z.object({
  /** The tap's name, as in the compute protocol's desired `ports[].device`. */
  device: z.string().regex(/^[a-z][a-z0-9-]{1,14}$/),
  portId: z.string().min(1).max(64),
  /** The instance uuid whose NIC it is. */
  instance: z.string().min(1),
  mac: z.string().min(1),
  mtu: z.int().positive().optional(),
});
export type FakeTap = z.infer<typeof ZFakeTap>;

/** Where one host's simulated taps live: `<data>/fake-taps/<host>/`. */
export function fakeTapDir(dataDir: string, host: string): string {
  return hostStateDir(dataDir, "fake-taps", host);
}

/** Written aside and renamed, so a reader never sees half a record. */
export async function writeFakeTap(dir: string, tap: FakeTap): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${tap.device}.json`);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(ZFakeTap.parse(tap)));
  await rename(temp, file);
}

export async function removeFakeTap(dir: string, device: string): Promise<void> {
  await rm(join(dir, `${device}.json`), { force: true });
}

/** Every simulated tap of the host; unreadable records are skipped (a tap half-written by a crash). */
export async function listFakeTaps(dir: string): Promise<FakeTap[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return [];
    throw err;
  }
  const taps = await Promise.all(
    names
      .filter((n) => n.endsWith(".json"))
      .map(async (n) => {
        const text = await readFile(join(dir, n), "utf8").catch(() => "");
        const parsed = ZFakeTap.safeParse(parseJson(text));
        return parsed.success ? parsed.data : undefined;
      }),
  );
  return taps.filter((t): t is FakeTap => t !== undefined);
}
