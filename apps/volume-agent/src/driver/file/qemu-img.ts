/**
 * Volume files through `qemu-img` (execFile, no shell, bounded output,
 * timeouts). Formats are always passed explicitly: letting QEMU probe a raw
 * file a tenant filled could let a crafted header point it at any file on
 * the host. `-U` (force share) reads a file an export daemon holds open; the
 * driver uses it only for internal snapshots, whose clusters never change.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseJson } from "@zenith/agent-runtime/json";
import { z } from "zod";
import { VolumeDriverError } from "../errors.ts";
import type { SourceImageFormat } from "../schemas.ts";

const execFileAsync = promisify(execFile);

const qcowSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  "date-sec": z.number().int().nonnegative(),
});

const imgInfoSchema = z.object({
  format: z.string(),
  "virtual-size": z.number().int().nonnegative(),
  "actual-size": z.number().int().nonnegative().optional(),
  "backing-filename": z.string().optional(),
  snapshots: z.array(qcowSnapshotSchema).optional(),
  "format-specific": z
    .object({ data: z.looseObject({ "data-file": z.string().optional() }).optional() })
    .optional(),
});
export type ImgInfo = z.infer<typeof imgInfoSchema>;
export type QcowSnapshot = z.infer<typeof qcowSnapshotSchema>;

/** Glance's format names → qemu-img's driver names. */
export const qemuFormatOf: Record<SourceImageFormat, string> = {
  qcow2: "qcow2",
  raw: "raw",
  vdi: "vdi",
  vhd: "vpc",
  vhdx: "vhdx",
};

/** `qemu-img snapshot` has no `-f`: the format is pinned through image options (commas doubled). */
function qcow2Opts(path: string): string {
  return `driver=qcow2,file.driver=file,file.filename=${path.replaceAll(",", ",,")}`;
}

export interface ReadOptions {
  format: string;
  /** Read through an open export's lock (only for stable data: internal snapshots). */
  forceShare?: boolean;
  /** Read this internal snapshot instead of the active image. */
  snapshotName?: string;
}

export class QemuImg {
  constructor(
    private readonly binary: string,
    private readonly timeoutMs: number,
  ) {}

  async info(path: string, format: string, forceShare = false): Promise<ImgInfo> {
    const out = await this.run(["info", "--output=json", "-f", format, ...(forceShare ? ["-U"] : []), path]);
    const parsed = imgInfoSchema.safeParse(parseJson(out));
    if (!parsed.success)
      throw new Error(`qemu-img info ${path}: unexpected output (${parsed.error.message})`);
    return parsed.data;
  }

  async create(path: string, format: string, sizeBytes: number): Promise<void> {
    await this.run(["create", "-q", "-f", format, path, String(sizeBytes)]);
  }

  /** `shrink` only where the caller knows nothing lives past `sizeBytes`. */
  async resize(path: string, format: string, sizeBytes: number, shrink = false): Promise<void> {
    await this.run(["resize", "-q", "-f", format, ...(shrink ? ["--shrink"] : []), path, String(sizeBytes)]);
  }

  /** A standalone copy (no backing file, no snapshots) in `outFormat`. */
  async convert(src: string, read: ReadOptions, dest: string, outFormat: string): Promise<void> {
    const args = ["convert", "-q", "-f", read.format, ...(read.forceShare ? ["-U"] : [])];
    if (read.snapshotName !== undefined) args.push("-l", `snapshot.name=${read.snapshotName}`);
    args.push("-O", outFormat, src, dest);
    await this.run(args);
  }

  async snapshotCreate(path: string, name: string): Promise<void> {
    await this.run(["snapshot", "-q", "-c", name, "--image-opts", qcow2Opts(path)]);
  }

  async snapshotDelete(path: string, name: string): Promise<void> {
    await this.run(["snapshot", "-q", "-d", name, "--image-opts", qcow2Opts(path)]);
  }

  private async run(args: string[]): Promise<string> {
    try {
      const { stdout } = await execFileAsync(this.binary, args, {
        timeout: this.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 4 * 1024 * 1024,
      });
      return stdout;
    } catch (err) {
      if (err instanceof Error && "killed" in err && err.killed === true) {
        throw new VolumeDriverError(
          "Timeout",
          `qemu-img ${args[0]} did not finish within ${this.timeoutMs} ms`,
          {
            cause: err,
          },
        );
      }
      const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim().slice(0, 2000) : "";
      throw new Error(`qemu-img ${args[0]} failed${stderr ? `: ${stderr}` : ""}`, { cause: err });
    }
  }
}
