/**
 * Which driver `ZENITH_VOLUME_DRIVER` means here: `auto` is file only when
 * the QEMU tools it runs really start (probed by running them, not by
 * looking for files), else fake, saying why so an operator sees that
 * volumes will hold no data.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export type VolumeDriverKind = "file" | "fake";
export type ProbeResult = { ok: true } | { ok: false; reason: string };

/** The binaries the file driver runs. */
export const FILE_DRIVER_TOOLS = ["qemu-img", "qemu-storage-daemon"] as const;

/** Runs `<tool> --version` for each tool; the first that does not start is the reason. */
export async function probeQemuTools(tools: readonly string[] = FILE_DRIVER_TOOLS): Promise<ProbeResult> {
  for (const tool of tools) {
    try {
      await execFileAsync(tool, ["--version"], { timeout: 10_000 });
    } catch (err) {
      const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
      return { ok: false, reason: `${tool} --version failed: ${detail}` };
    }
  }
  return { ok: true };
}

export async function chooseDriver(
  requested: VolumeDriverKind | "auto",
  /** Told why `auto` fell back to fake. */
  onFallback: (reason: string) => void,
  probe: () => Promise<ProbeResult> = () => probeQemuTools(),
): Promise<VolumeDriverKind> {
  if (requested !== "auto") return requested;
  const result = await probe();
  if (result.ok) return "file";
  onFallback(result.reason);
  return "fake";
}
