import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { isZenithError } from "@zenith/core/errors";
import { afterAll, describe, expect, it } from "vitest";
import { ImageStore } from "../src/services/image/store.ts";
import { tempDir } from "./harness.ts";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("ImageStore", () => {
  const dir = tempDir("zenith-image-store-");
  const store = new ImageStore(`${dir.path}/images`);
  afterAll(() => dir.remove());

  it("writes atomically with md5 and sha512, reads back, removes idempotently", async () => {
    const bytes = randomBytes(300_000);
    const stored = await store.write("img-1", Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    expect(stored).toEqual({
      size: bytes.length,
      md5: createHash("md5").update(bytes).digest("hex"),
      sha512: createHash("sha512").update(bytes).digest("hex"),
    });
    expect(store.exists("img-1")).toBe(true);
    expect(readFileSync(store.path("img-1")).equals(bytes)).toBe(true);
    expect((await collect(store.read("img-1"))).equals(bytes)).toBe(true);
    await store.remove("img-1");
    await store.remove("img-1");
    expect(store.exists("img-1")).toBe(false);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it("refuses data over maxBytes with 413 and leaves no file behind", async () => {
    const err = await store
      .write("img-2", Readable.from([randomBytes(600), randomBytes(600)]), { maxBytes: 1000 })
      .catch((e: unknown) => e);
    expect(isZenithError(err) && err.code).toBe("PAYLOAD_TOO_LARGE");
    expect(store.exists("img-2")).toBe(false);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it("removes the temp file when the source fails, keeping earlier data intact", async () => {
    await store.write("img-3", Readable.from([Buffer.from("old")]));
    const failing = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(store.write("img-3", failing)).rejects.toThrow("connection reset");
    expect(readFileSync(store.path("img-3"), "utf8")).toBe("old");
    expect(readdirSync(store.dir)).toEqual(["img-3"]);
  });

  it("answers NOT_FOUND for missing data and rejects ids that are not plain names", () => {
    expect(() => store.read("nope")).toThrow(/could not be found/);
    for (const bad of ["../etc", "a/b", ".hidden", ""]) {
      expect(() => store.path(bad)).toThrow(/Invalid image id/);
    }
  });
});
