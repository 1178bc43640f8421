/**
 * Disk files through `qemu-img`: the host's cache of image bases
 * (`<stateDir>/_base/<imageId>`, imported once per image, never modified)
 * and the per-instance qcow2 overlays on top of them.
 *
 * Formats are always passed explicitly (`-f`, `-F`, `format=`): letting QEMU
 * probe a raw image a tenant uploaded would let a crafted header point it at
 * any file on the host. For the same reason a qcow2 base must not name a
 * backing or data file of its own.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { parseJson } from "@zenith/agent-runtime/json";
import { z } from "zod";
import type { DiskFormat } from "../schemas.ts";
import type { ImageData } from "../types.ts";
import { type BaseFormat, exists } from "./instance-dir.ts";

const execFileAsync = promisify(execFile);

export const GiB = 1024 ** 3;

/**
 * How each Glance format becomes a base: qcow2 and raw are used as they are;
 * the single-file formats QEMU reads are converted to qcow2 once. Missing
 * formats cannot be booted from: vmdk (a descriptor may reference other host
 * files as extents), iso (needs a CD-ROM plus a blank root disk; not yet),
 * aki/ari (only a kernel or ramdisk, never a root disk).
 */
const bootable: Partial<Record<DiskFormat, { input: string; base: BaseFormat }>> = {
  qcow2: { input: "qcow2", base: "qcow2" },
  raw: { input: "raw", base: "raw" },
  ami: { input: "raw", base: "raw" },
  vdi: { input: "vdi", base: "qcow2" },
  vhd: { input: "vpc", base: "qcow2" },
  vhdx: { input: "vhdx", base: "qcow2" },
};

export function baseFormatOf(format: DiskFormat): BaseFormat | undefined {
  return bootable[format]?.base;
}

const imgInfoSchema = z.object({
  format: z.string(),
  "virtual-size": z.number().int().nonnegative(),
  "actual-size": z.number().int().nonnegative().optional(),
  "backing-filename": z.string().optional(),
  "format-specific": z
    .object({ data: z.looseObject({ "data-file": z.string().optional() }).optional() })
    .optional(),
});
export type ImgInfo = z.infer<typeof imgInfoSchema>;

export class DiskTools {
  constructor(
    private readonly qemuImg: string,
    private readonly timeoutMs = 10 * 60_000,
  ) {}

  /** `forceShare` reads an image a running QEMU holds locked (`-U`). */
  async info(path: string, format: string, forceShare = false): Promise<ImgInfo> {
    const args = ["info", "--output=json", "-f", format, ...(forceShare ? ["-U"] : []), path];
    const parsed = imgInfoSchema.safeParse(parseJson(await this.run(args)));
    if (!parsed.success)
      throw new Error(`qemu-img info ${path}: unexpected output (${parsed.error.message})`);
    return parsed.data;
  }

  /** A qcow2 overlay on `base`, at least `sizeBytes` big and never smaller than the base. */
  async createOverlay(
    path: string,
    base: { path: string; format: BaseFormat },
    sizeBytes: number,
  ): Promise<void> {
    const baseSize = (await this.info(base.path, base.format))["virtual-size"];
    const size = Math.max(sizeBytes, baseSize);
    await this.run(["create", "-q", "-f", "qcow2", "-b", base.path, "-F", base.format, path, String(size)]);
  }

  /** Grows a (not running) qcow2 image; callers have checked it never shrinks. */
  async grow(path: string, sizeBytes: number): Promise<void> {
    const current = (await this.info(path, "qcow2"))["virtual-size"];
    if (sizeBytes > current) await this.run(["resize", "-q", "-f", "qcow2", path, String(sizeBytes)]);
  }

  /** A standalone copy (backing chain flattened) in `outFormat`. */
  async convert(
    src: string,
    srcFormat: string,
    dest: string,
    outFormat: BaseFormat,
    forceShare = false,
  ): Promise<void> {
    const args = [
      "convert",
      "-q",
      "-f",
      srcFormat,
      ...(forceShare ? ["-U"] : []),
      "-O",
      outFormat,
      src,
      dest,
    ];
    await this.run(args);
  }

  private async run(args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(this.qemuImg, args, {
        timeout: this.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    } catch (err) {
      const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim() : "";
      throw new Error(`qemu-img ${args[0]} failed${stderr ? `: ${stderr}` : ""}`, { cause: err });
    }
  }
}

/** Image bases shared by all instances of the host; each image is imported once, concurrent spawns wait for it. */
export class BaseCache {
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly dir: string,
    private readonly tools: DiskTools,
  ) {}

  /** The base of a root disk image (validated, converted if needed). */
  async disk(
    imageId: string,
    format: DiskFormat,
    data: ImageData,
  ): Promise<{ path: string; format: BaseFormat }> {
    const how = bootable[format];
    if (how === undefined) throw new Error(`disk format ${format} cannot be booted`);
    const path = await this.once(imageId, async (part) => {
      await copyIn(data, part);
      if (how.input !== how.base) {
        const converted = `${part}.${how.base}`;
        await this.tools.convert(part, how.input, converted, how.base);
        await rename(converted, part);
      }
      if (how.base === "qcow2") await this.checkSelfContained(part);
    });
    return { path, format: how.base };
  }

  /** A kernel or ramdisk, kept byte for byte. */
  file(imageId: string, data: ImageData): Promise<string> {
    return this.once(imageId, (part) => copyIn(data, part));
  }

  private async checkSelfContained(path: string): Promise<void> {
    const info = await this.tools.info(path, "qcow2");
    if (
      info["backing-filename"] !== undefined ||
      info["format-specific"]?.data?.["data-file"] !== undefined
    ) {
      throw new Error("qcow2 image refers to other files (backing or data file); refusing it");
    }
  }

  /** Imports into a temporary name and renames, so a failed or interrupted import leaves no base behind. */
  private once(imageId: string, fill: (part: string) => Promise<void>): Promise<string> {
    const path = join(this.dir, imageId);
    const running = this.inflight.get(imageId);
    if (running) return running;
    const work = (async () => {
      if (await exists(path)) return path;
      await mkdir(this.dir, { recursive: true });
      const part = `${path}.${randomUUID()}.part`;
      try {
        await fill(part);
        await rename(part, path);
        return path;
      } finally {
        await rm(part, { force: true });
        await rm(`${part}.qcow2`, { force: true });
      }
    })().finally(() => this.inflight.delete(imageId));
    this.inflight.set(imageId, work);
    return work;
  }
}

async function copyIn(data: ImageData, dest: string): Promise<void> {
  if (data.kind === "path") {
    // A reflink where the filesystem offers one, else a plain copy.
    await copyFile(data.path, dest, constants.COPYFILE_FICLONE);
    return;
  }
  await pipeline(await data.open(), createWriteStream(dest, { mode: 0o600 }));
}

/** Streams a file into a writable, as `stream.pipeline` ends or destroys it. */
export async function streamFile(path: string, sink: NodeJS.WritableStream): Promise<void> {
  await pipeline(createReadStream(path), sink);
}
