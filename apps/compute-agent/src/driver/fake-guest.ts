/**
 * What the fake "guest" produces: boot logs, disk contents, console streams.
 * Deterministic, so tests can compare bytes.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { type Duplex, PassThrough, type Readable } from "node:stream";
import type { ConsoleKind, NetworkInterface } from "./schemas.ts";
import type { ImageData, ImageSource } from "./types.ts";

/** The fake root disk: which image it came from, never the bytes themselves. */
export interface FakeDisk {
  imageId: string;
  imageSha256: string;
  imageBytes: number;
}

async function openImage(data: ImageData): Promise<Readable> {
  return data.kind === "path" ? createReadStream(data.path) : data.open();
}

/** Reads the whole image, as a real driver would copy it, so unreadable images fail the spawn. */
export async function readImage(image: ImageSource): Promise<FakeDisk> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of await openImage(image.data)) {
    const buf: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(buf);
    bytes += buf.length;
  }
  return { imageId: image.id, imageSha256: hash.digest("hex"), imageBytes: bytes };
}

export function bootLog(uuid: string, name: string, interfaces: Iterable<NetworkInterface>): string {
  const lines = [
    "[    0.000000] Linux version 6.1.0-zenith-fake (fake@zenith) #1 SMP",
    "[    0.000000] Command line: console=ttyS0 root=/dev/vda1",
  ];
  let i = 0;
  for (const vif of interfaces) {
    lines.push(`[    0.42000${i}] virtio_net virtio${i} eth${i}: ${vif.macAddress}`);
    i += 1;
  }
  lines.push(`[    1.000000] cloud-init: instance ${uuid} hostname ${name}`, "", `${name} login: `);
  return `${lines.join("\n")}\n`;
}

export const powerDownLog = "[   99.000000] reboot: Power down\n";

/** The snapshot of a fake root disk: a small text "image" naming its origin. */
export function snapshotPayload(uuid: string, disk: FakeDisk, rootGb: number): Buffer {
  return Buffer.from(
    [
      "ZENITH-FAKE-DISK v1",
      `instance: ${uuid}`,
      `image: ${disk.imageId}`,
      `image-sha256: ${disk.imageSha256}`,
      `root-gb: ${rootGb}`,
      "",
    ].join("\n"),
  );
}

/** A console connection: greets like the real thing, then echoes what it is sent. */
export function consoleStream(kind: ConsoleKind, name: string): Duplex {
  const stream = new PassThrough();
  stream.write(kind === "vnc" ? "RFB 003.008\n" : `\r\n${name} login: `);
  return stream;
}
