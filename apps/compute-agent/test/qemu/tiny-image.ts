/**
 * The zenith-tiny guest (scripts/tiny-image/build.sh) as the qemu tests use
 * it: built on first use, described by its manifest, offered as an AMI with
 * its AKI/ARI.
 */
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import type { ImageSource } from "../../src/driver/types.ts";

const execFileAsync = promisify(execFile);

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const tinyImageDir = join(repoRoot, ".cache", "zenith-tiny");
const buildScript = join(repoRoot, "scripts", "tiny-image", "build.sh");

const fileSchema = z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const manifestSchema = z.object({
  files: z.object({ kernel: fileSchema, ramdisk: fileSchema, disk: fileSchema }),
  commandLine: z.string(),
});

export interface TinyImage {
  kernel: string;
  ramdisk: string;
  disk: string;
  /** Stable image ids derived from the file contents, so the driver's base cache is reused across tests. */
  kernelId: string;
  ramdiskId: string;
  commandLine: string;
}

async function readManifest(dir: string): Promise<z.infer<typeof manifestSchema> | undefined> {
  try {
    return manifestSchema.parse(JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")));
  } catch {
    return undefined;
  }
}

/** Runs the build script every time: a no-op (milliseconds) when the build matches the recipe, a rebuild when not. */
export async function ensureTinyImage(dir = tinyImageDir): Promise<TinyImage> {
  await execFileAsync(buildScript, [dir], { timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  const manifest = await readManifest(dir);
  if (!manifest) throw new Error(`${buildScript} ran but ${dir}/manifest.json is missing or invalid`);
  const { kernel, ramdisk, disk } = manifest.files;
  return {
    kernel: join(dir, kernel.file),
    ramdisk: join(dir, ramdisk.file),
    disk: join(dir, disk.file),
    kernelId: uuidFrom(kernel.sha256),
    ramdiskId: uuidFrom(ramdisk.sha256),
    commandLine: manifest.commandLine,
  };
}

/** A v4-shaped uuid from a hash (Glance ids are uuids). */
function uuidFrom(hex: string): string {
  const h = createHash("sha256").update(hex).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The AMI with its kernel and ramdisk. The root disk gets a new image id each
 * time: the contract suite reuses an image's id with unreadable bytes and
 * expects SpawnFailed, which a base cached under that id would hide.
 */
export function tinyImageSource(tiny: TinyImage): ImageSource {
  return {
    id: randomUUID(),
    diskFormat: "ami",
    kernelId: tiny.kernelId,
    ramdiskId: tiny.ramdiskId,
    data: { kind: "path", path: tiny.disk },
    kernel: { kind: "path", path: tiny.kernel },
    ramdisk: { kind: "path", path: tiny.ramdisk },
  };
}
