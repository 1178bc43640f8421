/** The L3 modules' records under the agent's state dir: a folder per DHCP network or router. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type L3Kind = "dhcp" | "routers";

export const recordDir = (stateDir: string, kind: L3Kind, id: string): string => join(stateDir, kind, id);

export async function ensureRecordDir(stateDir: string, kind: L3Kind, id: string): Promise<string> {
  const dir = recordDir(stateDir, kind, id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function listRecords(stateDir: string, kind: L3Kind): Promise<string[]> {
  try {
    return (await readdir(join(stateDir, kind), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

export async function removeRecord(stateDir: string, kind: L3Kind, id: string): Promise<void> {
  await rm(recordDir(stateDir, kind, id), { recursive: true, force: true });
}

export async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

/** Writes only when the content differs; true when it changed. Atomic (a reader never sees half a file). */
export async function writeIfChanged(path: string, content: string): Promise<boolean> {
  if ((await readText(path)) === content) return false;
  await writeFile(`${path}.tmp`, content, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return true;
}
