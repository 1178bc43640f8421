/**
 * Bytes between the storage folder and the control plane's file stores,
 * with the host's credential: image and backup files down (for new
 * volumes), volume copies up (uploads to Glance, backups). Every file
 * passes through a temporary file in `<storage>/transfers/`, removed when
 * its job ends, and swept at start (what a killed agent left).
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getStream, HttpError, putFile } from "@zenith/agent-runtime/http-client";
import { VolumeDriverError } from "./driver/types.ts";

export interface ControlFilesOptions {
  controlUrl: string;
  /** The host's credential, read per request (rotations are picked up). */
  token: () => Promise<string>;
  /** `<storage>/transfers`. */
  dir: string;
}

/** Fails the stream once more than `max` bytes went through (a download larger than it can be). */
function limitBytes(max: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) {
        done(new VolumeDriverError("InvalidRequest", `${what} is larger than ${max} bytes`));
      } else done(null, chunk);
    },
  });
}

export class ControlFiles {
  constructor(private readonly options: ControlFilesOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  /** Removes every leftover transfer file. Call once at start, before any job runs. */
  async sweep(): Promise<number> {
    const names = await readdir(this.options.dir).catch(() => []);
    await Promise.all(names.map((n) => rm(join(this.options.dir, n), { force: true, recursive: true })));
    return names.length;
  }

  /** Runs `work` with a fresh temporary file path; the file is removed afterwards, whatever happens. */
  async withTempFile<T>(label: string, work: (path: string) => Promise<T>): Promise<T> {
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    const path = join(this.options.dir, `${label}.${randomUUID()}.part`);
    try {
      return await work(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  /** `GET <control><path>` into `file`, failing once more than `maxBytes` arrived. */
  async download(path: string, file: string, maxBytes: number): Promise<void> {
    const body = await getStream(this.url(path), await this.options.token());
    await pipeline(body, limitBytes(maxBytes, `GET ${path}`), createWriteStream(file, { mode: 0o600 }));
  }

  /** `PUT <control><path>` with `file` as the body, streamed from disk. */
  async upload(path: string, file: string): Promise<void> {
    await putFile(this.url(path), await this.options.token(), file);
  }

  private url(path: string): URL {
    return new URL(this.options.controlUrl.replace(/\/+$/, "") + path);
  }
}

/**
 * Whether trying the same thing again may succeed: not for a request the
 * driver or the control plane refused as such (bad image, missing source,
 * 4xx), yes for I/O, timeouts and a control plane that was away.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof VolumeDriverError) {
    return !["InvalidRequest", "NotFound", "AlreadyExists"].includes(err.code);
  }
  if (err instanceof HttpError) return err.status >= 500 || err.status === 408 || err.status === 429;
  return true;
}
