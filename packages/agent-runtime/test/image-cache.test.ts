import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ImageCache } from "../src/image-cache.ts";

describe("ImageCache", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const newDir = () => {
    const d = mkdtempSync(join(tmpdir(), "zenith-image-cache-"));
    dirs.push(d);
    return d;
  };

  it("downloads an image once, even for concurrent spawns", async () => {
    let downloads = 0;
    const cache = new ImageCache(newDir(), async (id) => {
      downloads++;
      return Readable.from([Buffer.from(`bytes of ${id}`)]);
    });
    const paths = await Promise.all([cache.path("img-1"), cache.path("img-1"), cache.path("img-1")]);
    expect(new Set(paths).size).toBe(1);
    expect(downloads).toBe(1);
    await cache.path("img-1");
    expect(downloads).toBe(1);
    expect(readFileSync(paths[0] ?? "", "utf8")).toBe("bytes of img-1");
  });

  it("keeps nothing of a failed download, and tries again next time", async () => {
    const dir = newDir();
    let fail = true;
    const cache = new ImageCache(dir, async () => {
      if (fail) {
        return new Readable({
          read() {
            this.destroy(new Error("connection reset"));
          },
        });
      }
      return Readable.from([Buffer.from("ok")]);
    });
    await expect(cache.path("img-2")).rejects.toThrow(/connection reset/);
    expect(readdirSync(dir)).toEqual([]);
    fail = false;
    expect(readFileSync(await cache.path("img-2"), "utf8")).toBe("ok");
  });
});
