/**
 * Volumes as QEMU sees them: for each attachment a block node (an NBD
 * client of the volume host's export, or a local file), TLS-PSK
 * credentials for the NBD handshake, and a virtio-blk device. The same
 * pieces serve the command line (cold start) and QMP (hot-plug), so a guest
 * has the same devices whichever way they came.
 *
 * The attachment's secret lives in one place only: `keys.psk` in
 * `<instance>/volumes/<attachmentId>/` (dir 0700, file 0600), the folder
 * QEMU's `tls-creds-psk` reads. `domain.json` keeps the connection without it.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { fileConnectionSchema, nbdConnectionSchema, type VolumeConnection } from "../schemas.ts";
import type { Backend } from "./guest.ts";

/**
 * How long a guest's I/O to an NBD volume waits for a lost connection to
 * come back (volume agent restarted, export re-added after an extend)
 * before it fails; QEMU keeps reconnecting in the background either way.
 */
export const NBD_RECONNECT_DELAY_S = 60;
/** On a cold start QEMU waits this long for an export that does not answer yet before it gives up. */
export const NBD_OPEN_TIMEOUT_S = 10;

/** The definition's form of a connection: the secret stays in the keys file. */
export const storedConnectionSchema = z.discriminatedUnion("driver", [
  nbdConnectionSchema.omit({ secret: true }),
  fileConnectionSchema,
]);
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

export const volumeDefinitionSchema = z.object({
  attachmentId: z.uuid(),
  volumeId: z.uuid(),
  bootIndex: z.int().min(0).max(31).nullable(),
  readOnly: z.boolean(),
  connection: storedConnectionSchema,
  /** The guest device reported to Nova ("/dev/vdb"); a hint, the guest names disks itself. */
  device: z.string().regex(/^\/dev\/vd[a-z]$/),
});
export type VolumeDefinition = z.infer<typeof volumeDefinitionSchema>;

export function definitionOf(v: VolumeConnection, device: string): VolumeDefinition {
  const { connection } = v;
  const stored: StoredConnection =
    connection.driver === "nbd"
      ? {
          driver: "nbd",
          host: connection.host,
          port: connection.port,
          exportName: connection.exportName,
          tlsUsername: connection.tlsUsername,
        }
      : connection;
  return {
    attachmentId: v.attachmentId,
    volumeId: v.volumeId,
    bootIndex: v.bootIndex,
    readOnly: v.readOnly,
    connection: stored,
    device,
  };
}

/** QEMU ids (≤ 31 characters, a letter first) derived from the attachment id, so they are found again after a restart. */
export function volumeIds(attachmentId: string): { node: string; device: string; tls: string } {
  const hex = attachmentId.replaceAll("-", "").slice(0, 28);
  return { node: `vol${hex}`, device: `vol${hex}`, tls: `tls${hex}` };
}

/** Where the attachment's TLS-PSK keys live: QEMU's `tls-creds-psk` reads `keys.psk` in this folder. */
export function keysDir(instanceDir: string, attachmentId: string): string {
  return join(instanceDir, "volumes", attachmentId);
}

/** Writes `<username>:<secret>` for an NBD attachment (nothing for a file); 0600 in a 0700 folder. */
export async function writeKeys(instanceDir: string, v: VolumeConnection): Promise<void> {
  if (v.connection.driver !== "nbd") return;
  const dir = keysDir(instanceDir, v.attachmentId);
  await mkdir(join(instanceDir, "volumes"), { recursive: true, mode: 0o700 });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, "keys.psk"), `${v.connection.tlsUsername}:${v.connection.secret}\n`, {
    mode: 0o600,
  });
}

export async function removeKeys(instanceDir: string, attachmentId: string): Promise<void> {
  await rm(keysDir(instanceDir, attachmentId), { recursive: true, force: true });
}

/** The `tls-creds-psk` object of an NBD attachment (QMP `object-add` arguments, also `-object` JSON). */
export function tlsObject(instanceDir: string, v: VolumeDefinition): Record<string, unknown> | undefined {
  if (v.connection.driver !== "nbd") return undefined;
  return {
    "qom-type": "tls-creds-psk",
    id: volumeIds(v.attachmentId).tls,
    endpoint: "client",
    dir: keysDir(instanceDir, v.attachmentId),
    username: v.connection.tlsUsername,
  };
}

/**
 * The block node. NBD: `reconnect-delay` keeps the disk alive while the
 * export is away (requests wait, then the guest resumes when it returns);
 * `open-timeout` only on a cold start, where QEMU may wait for the export
 * (a hot-plug fails at once instead of holding the monitor).
 */
export function volumeBlockdev(
  v: VolumeDefinition,
  options: { coldStart: boolean },
): Record<string, unknown> {
  const { node, tls } = volumeIds(v.attachmentId);
  const c = v.connection;
  if (c.driver === "file") {
    return {
      driver: c.format,
      "node-name": node,
      "read-only": v.readOnly,
      file: { driver: "file", filename: c.path },
    };
  }
  return {
    driver: "nbd",
    "node-name": node,
    "read-only": v.readOnly,
    server: { type: "inet", host: c.host, port: String(c.port) },
    export: c.exportName,
    "tls-creds": tls,
    "reconnect-delay": NBD_RECONNECT_DELAY_S,
    ...(options.coldStart ? { "open-timeout": NBD_OPEN_TIMEOUT_S } : {}),
  };
}

/**
 * The guest's virtio disk. `serial` is the volume id's first 20 characters
 * (Nova's convention: the guest sees `/dev/disk/by-id/virtio-<serial>`); the
 * boot volume gets boot index 1, as a local root disk would.
 */
export function volumeDevice(v: VolumeDefinition): Record<string, unknown> {
  const { node, device } = volumeIds(v.attachmentId);
  return {
    driver: "virtio-blk-pci",
    id: device,
    drive: node,
    serial: v.volumeId.slice(0, 20),
    ...(v.bootIndex === 0 ? { bootindex: 1 } : {}),
  };
}

/** How QMP adds and removes the host side of a hot-plugged volume (credentials, then node; reverse to remove). */
export function volumeBackend(instanceDir: string, v: VolumeDefinition): Backend {
  const { node, tls } = volumeIds(v.attachmentId);
  const creds = tlsObject(instanceDir, v);
  return {
    add: [
      ...(creds ? [{ command: "object-add", args: creds }] : []),
      { command: "blockdev-add", args: volumeBlockdev(v, { coldStart: false }) },
    ],
    remove: [
      { command: "blockdev-del", args: { "node-name": node } },
      ...(creds ? [{ command: "object-del", args: { id: tls } }] : []),
    ],
  };
}

/** The command-line arguments of one volume (cold start). */
export function volumeArgv(instanceDir: string, v: VolumeDefinition): string[] {
  const json = (o: Record<string, unknown>) => JSON.stringify(o);
  const creds = tlsObject(instanceDir, v);
  return [
    ...(creds ? ["-object", json(creds)] : []),
    "-blockdev",
    json(volumeBlockdev(v, { coldStart: true })),
    "-device",
    json(volumeDevice(v)),
  ];
}

const queryBlockSchema = z.array(
  z.object({ inserted: z.object({ "node-name": z.string().optional() }).optional() }).loose(),
);

/**
 * The node names QEMU has attached to a device now (`query-block`): after an
 * agent restart this, not the definition alone, says which volumes the
 * guest really has.
 */
export function attachedNodes(queryBlock: unknown): Set<string> {
  const parsed = queryBlockSchema.safeParse(queryBlock);
  const nodes = new Set<string>();
  if (!parsed.success) return nodes;
  for (const entry of parsed.data) {
    const name = entry.inserted?.["node-name"];
    if (name !== undefined) nodes.add(name);
  }
  return nodes;
}
