/**
 * The serial console log QEMU appends to (`logfile=…,logappend=on`): read
 * for `consoleOutput`, and bounded between runs of the guest so a chatty
 * guest cannot fill the host over many reboots. While QEMU runs the file is
 * only appended to; it is trimmed just before the next start, never under a
 * running QEMU.
 */
import { open, rename, stat } from "node:fs/promises";
import { isMissing } from "./instance-dir.ts";

/** The last `tailBytes` of the log (all of it when undefined); "" when nothing was logged yet. */
export async function readLog(path: string, tailBytes?: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (err) {
    if (isMissing(err)) return "";
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = tailBytes === undefined ? size : Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const text = buffer.subarray(0, bytesRead).toString("utf8");
    return tailBytes === undefined ? text : fitBytes(text, tailBytes);
  } finally {
    await handle.close();
  }
}

/**
 * A cut through a multi-byte character decodes to U+FFFD (3 bytes), which
 * could make the tail longer than asked: drop characters from the front.
 */
function fitBytes(text: string, maxBytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > maxBytes) out = out.slice(1);
  return out;
}

/** Keeps the newest half of `maxBytes` when the log grew past `maxBytes`. */
export async function trimLog(path: string, maxBytes: number): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  if (size <= maxBytes) return;
  const keep = Math.floor(maxBytes / 2);
  const handle = await open(path, "r");
  const buffer = Buffer.alloc(keep);
  try {
    await handle.read(buffer, 0, keep, size - keep);
  } finally {
    await handle.close();
  }
  const tmp = `${path}.trim`;
  const out = await open(tmp, "w", 0o600);
  try {
    await out.writeFile(buffer);
  } finally {
    await out.close();
  }
  await rename(tmp, path);
}
