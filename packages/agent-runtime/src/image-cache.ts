/**
 * Image bytes cached on the host, one file per image id. Glance image data
 * never changes once an image is active, so an id names its bytes for good:
 * each image crosses the network once per host, however many instances boot
 * from it (the qemu driver keeps its qcow2 bases on top of this).
 */
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export class ImageCache {
  /** One download per image at a time; concurrent spawns wait for it. */
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly dir: string,
    private readonly download: (imageId: string) => Promise<Readable>,
  ) {}

  /**
   * Removes partial downloads a killed process left (`*.part`). Call once at
   * start, before any download of this process begins.
   */
  async sweep(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const partial = names.filter((n) => n.endsWith(".part"));
    await Promise.all(partial.map((n) => rm(join(this.dir, n), { force: true })));
    return partial.length;
  }

  /** The cached file of `imageId`, downloading it first when missing. */
  async path(imageId: string): Promise<string> {
    const file = join(this.dir, encodeURIComponent(imageId));
    if (await exists(file)) return file;
    let pending = this.inflight.get(imageId);
    if (!pending) {
      pending = this.fetch(file, imageId).finally(() => this.inflight.delete(imageId));
      this.inflight.set(imageId, pending);
    }
    return pending;
  }

  async open(imageId: string): Promise<Readable> {
    return createReadStream(await this.path(imageId));
  }

  private async fetch(file: string, imageId: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${file}.${randomUUID()}.part`;
    try {
      await pipeline(await this.download(imageId), createWriteStream(tmp));
      await rename(tmp, file);
      return file;
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
