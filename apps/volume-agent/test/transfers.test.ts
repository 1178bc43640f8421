/** Transfers to and from the control plane's file routes: bounded downloads, temp files, which failures may pass. */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentImageFilePath } from "@zenith/agent-protocol/compute";
import { HttpError } from "@zenith/agent-runtime/http-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VolumeDriverError } from "../src/driver/types.ts";
import { ControlFiles, isRetryable } from "../src/transfers.ts";
import { TinyControl } from "./tiny-control.ts";

let control: TinyControl;
let dir: string;
let files: ControlFiles;

beforeEach(async () => {
  control = new TinyControl();
  await control.start();
  dir = await mkdtemp(join(tmpdir(), "zenith-vol-transfers-"));
  files = new ControlFiles({
    controlUrl: `${control.url}/`,
    token: async () => control.token,
    dir: join(dir, "t"),
  });
});
afterEach(async () => {
  await control.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe("control plane transfers", () => {
  it("downloads within the bound, refuses more than it, and never leaves a temporary file", async () => {
    const imageId = randomUUID();
    const source = join(dir, "image.raw");
    await writeFile(source, Buffer.alloc(4096, 7));
    control.images.set(imageId, source);

    const got = await files.withTempFile("image", async (file) => {
      await files.download(agentImageFilePath(imageId), file, 4096);
      return await readFile(file);
    });
    expect(got.equals(Buffer.alloc(4096, 7))).toBe(true);

    const tooBig = files.withTempFile("image", (file) =>
      files.download(agentImageFilePath(imageId), file, 4095),
    );
    await expect(tooBig).rejects.toMatchObject({ code: "InvalidRequest" });
    expect(await readdir(join(dir, "t"))).toEqual([]);
  });

  it("uploads a file with the host's credential; a missing file on the control plane is a 404 that will not pass", async () => {
    const imageId = randomUUID();
    const body = join(dir, "upload.bin");
    await writeFile(body, "volume bytes");
    await files.upload(agentImageFilePath(imageId), body);
    const stored = control.stored.get(`images/${imageId}`);
    expect(stored && (await readFile(stored, "utf8"))).toBe("volume bytes");

    const missing = files.withTempFile("image", (f) =>
      files.download(agentImageFilePath(randomUUID()), f, 10),
    );
    const err = await missing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(isRetryable(err)).toBe(false);
  });

  it("sweeps what a killed agent left", async () => {
    await files.withTempFile("x", async (file) => {
      await writeFile(file, "left behind");
      expect(await files.sweep()).toBe(1);
    });
    expect(await files.sweep()).toBe(0);
  });

  it("says which failures may pass", () => {
    expect(isRetryable(new VolumeDriverError("OperationFailed", "io"))).toBe(true);
    expect(isRetryable(new VolumeDriverError("NoSpace", "full"))).toBe(true);
    expect(isRetryable(new VolumeDriverError("InvalidRequest", "bad image"))).toBe(false);
    expect(isRetryable(new HttpError(503, "away"))).toBe(true);
    expect(isRetryable(new HttpError(403, "not yours"))).toBe(false);
    expect(isRetryable(new Error("ECONNREFUSED"))).toBe(true);
  });
});
