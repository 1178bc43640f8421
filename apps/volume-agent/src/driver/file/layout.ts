/**
 * The storage folder's layout. Only this file builds paths, and only from
 * ids that passed the UUID schemas, so no caller-supplied text ever becomes
 * a path component.
 *
 *   <dir>/volumes/<volumeId>.qcow2 | <volumeId>.raw   a volume (internal snapshots inside qcow2)
 *   <dir>/volumes/.<volumeId>.<random>.part            a volume being made (removed by init)
 *   <dir>/exports/<attachmentId>/                      one export, mode 0700
 *       export.json   what to serve and where (no secret), mode 0600
 *       keys.psk      "<tlsUsername>:<secret hex>", mode 0600 (the daemon's tls-creds-psk dir)
 *       pid           the daemon's pid file
 *       qmp           the daemon's QMP socket
 *   <dir>/exports/.<attachmentId>.<random>/            an export being set up (removed by init)
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { attachmentIdSchema, type VolumeFormat, volumeIdSchema } from "../schemas.ts";

/** Unix socket paths are limited to 107 bytes; the QMP socket is the longest path we bind. */
const MAX_SOCKET_PATH = 107;

export interface ExportPaths {
  dir: string;
  record: string;
  keys: string;
  pid: string;
  qmp: string;
}

export class StorageLayout {
  readonly volumesDir: string;
  readonly exportsDir: string;

  constructor(readonly root: string) {
    this.volumesDir = join(root, "volumes");
    this.exportsDir = join(root, "exports");
    const longest = this.exportPaths(randomUUID()).qmp;
    if (Buffer.byteLength(longest) > MAX_SOCKET_PATH) {
      throw new Error(`storage folder path too long for QMP sockets (${longest})`);
    }
  }

  volumePath(volumeId: string, format: VolumeFormat): string {
    return join(this.volumesDir, `${volumeIdSchema.parse(volumeId)}.${format}`);
  }

  /** A unique temporary name beside the volumes; `rename` onto `volumePath` publishes it. */
  partPath(volumeId: string): string {
    return join(this.volumesDir, `.${volumeIdSchema.parse(volumeId)}.${randomUUID().slice(0, 8)}.part`);
  }

  exportPaths(attachmentId: string): ExportPaths {
    const dir = join(this.exportsDir, attachmentIdSchema.parse(attachmentId));
    return {
      dir,
      record: join(dir, "export.json"),
      keys: join(dir, "keys.psk"),
      pid: join(dir, "pid"),
      qmp: join(dir, "qmp"),
    };
  }

  exportAsideDir(attachmentId: string): string {
    return join(this.exportsDir, `.${attachmentIdSchema.parse(attachmentId)}.${randomUUID().slice(0, 8)}`);
  }
}

/** `<uuid>.qcow2` / `<uuid>.raw` → id and format; anything else in the folder is not a volume. */
export function parseVolumeFileName(name: string): { volumeId: string; format: VolumeFormat } | undefined {
  const match = /^([0-9a-f-]{36})\.(qcow2|raw)$/.exec(name);
  if (!match?.[1] || !volumeIdSchema.safeParse(match[1]).success) return undefined;
  return { volumeId: match[1], format: match[2] === "raw" ? "raw" : "qcow2" };
}

export function isMissing(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}
