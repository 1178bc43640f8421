import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZenithError } from "@zenith/core/errors";

export interface StoredImageData {
  size: number;
  /** Hex MD5, Glance's legacy `checksum`. */
  md5: string;
  /** Hex SHA-512, Glance's `os_hash_value` with `os_hash_algo: sha512`. */
  sha512: string;
}

export interface WriteOptions {
  /** Refuse (413) once more than this many bytes arrived. */
  maxBytes?: number;
}

/**
 * Ids become file names, so only plain names are accepted: no separators,
 * no leading dot (temp files start with one), nothing like "..".
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

/** Counts and hashes bytes on their way to disk; fails the pipeline past the limit. */
class HashingCounter extends Transform {
  size = 0;
  private readonly md5 = createHash("md5");
  private readonly sha512 = createHash("sha512");

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(
        new ZenithError("PAYLOAD_TOO_LARGE", `Image exceeds the storage limit of ${this.maxBytes} bytes.`),
      );
      return;
    }
    this.md5.update(chunk);
    this.sha512.update(chunk);
    done(null, chunk);
  }

  digests(): StoredImageData {
    return { size: this.size, md5: this.md5.digest("hex"), sha512: this.sha512.digest("hex") };
  }
}

/**
 * Image bytes on local disk, one file per image under `<dataDir>/images/<id>`.
 * Writes go to a temp file that is renamed into place only when complete,
 * so a reader never sees half an image and a failed upload leaves nothing.
 */
export class ImageStore {
  constructor(readonly dir: string) {}

  path(id: string): string {
    if (!SAFE_ID.test(id)) throw ZenithError.badRequest(`Invalid image id: ${id}`);
    return join(this.dir, id);
  }

  exists(id: string): boolean {
    return existsSync(this.path(id));
  }

  async write(id: string, stream: Readable, opts: WriteOptions = {}): Promise<StoredImageData> {
    const target = this.path(id);
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${id}.${randomBytes(6).toString("hex")}.tmp`);
    const counter = new HashingCounter(opts.maxBytes ?? Number.POSITIVE_INFINITY);
    try {
      await pipeline(stream, counter, createWriteStream(temp, { flags: "wx" }));
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return counter.digests();
  }

  read(id: string): Readable {
    const file = this.path(id);
    if (!existsSync(file)) throw ZenithError.notFound(`Image data for ${id} could not be found.`);
    return createReadStream(file);
  }

  /**
   * Removes the temp files of uploads a crash cut short. Only safe before
   * requests are served: then no upload can be writing one.
   */
  async removeTemporaryFiles(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw err;
    }
    const temps = names.filter((n) => n.startsWith(".") && n.endsWith(".tmp"));
    await Promise.all(temps.map((n) => rm(join(this.dir, n), { force: true })));
    return temps.length;
  }

  /** Idempotent: removing data that is not there is not an error. */
  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
