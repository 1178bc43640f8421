/**
 * Image bytes between the control plane and the driver: an `ImageSource`
 * whose `open()` streams `GET agentImageFilePath(id)`, and snapshot upload
 * (`PUT` of a temp file the driver wrote).
 */
import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { agentImageFilePath, type ImageSpec } from "@zenith/agent-protocol/compute";
import { getStream, putFile } from "@zenith/agent-runtime/http-client";
import type { ImageCache } from "@zenith/agent-runtime/image-cache";
import type { ComputeDriver, ImageData, ImageSource, SnapshotResult } from "./driver/types.ts";
import { imageRefSchema } from "./driver/types.ts";

export interface ControlEndpoint {
  /** `http(s)://host:port[/prefix]`, no trailing slash needed. */
  controlUrl: string;
  token: () => Promise<string>;
  /** Where downloaded image bytes are kept; without it every spawn streams from the control plane. */
  imageCache?: ImageCache;
}

export function imageUrl(endpoint: ControlEndpoint, imageId: string): URL {
  return new URL(endpoint.controlUrl.replace(/\/+$/, "") + agentImageFilePath(encodeURIComponent(imageId)));
}

/** Streams the image from the control plane, once per host when a cache is configured. */
export function downloadImage(endpoint: ControlEndpoint, imageId: string): Promise<Readable> {
  return endpoint.token().then((token) => getStream(imageUrl(endpoint, imageId), token));
}

function streamed(endpoint: ControlEndpoint, imageId: string): ImageData {
  const cache = endpoint.imageCache;
  return { kind: "stream", open: () => (cache ? cache.open(imageId) : downloadImage(endpoint, imageId)) };
}

/** The driver's view of `spec`; throws with a message for the task result when the driver cannot take it. */
export function imageSourceFor(endpoint: ControlEndpoint, spec: ImageSpec): ImageSource {
  const ref = imageRefSchema.safeParse(spec);
  if (!ref.success) {
    const fields = ref.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`image ${spec.id} cannot be used on this host (${fields})`);
  }
  const { kernelId, ramdiskId } = ref.data;
  return {
    ...ref.data,
    data: streamed(endpoint, spec.id),
    ...(kernelId === undefined ? {} : { kernel: streamed(endpoint, kernelId) }),
    ...(ramdiskId === undefined ? {} : { ramdisk: streamed(endpoint, ramdiskId) }),
  };
}

/** Snapshots `uuid` into a temp file under `tmpDir`, uploads it as `imageId`, removes the file. */
export async function takeSnapshot(
  driver: ComputeDriver,
  endpoint: ControlEndpoint,
  tmpDir: string,
  uuid: string,
  imageId: string,
): Promise<SnapshotResult> {
  await mkdir(tmpDir, { recursive: true });
  const path = join(tmpDir, `snapshot-${randomUUID()}`);
  try {
    const result = await driver.snapshot(uuid, { kind: "path", path });
    await putFile(imageUrl(endpoint, imageId), await endpoint.token(), path);
    return result;
  } finally {
    await rm(path, { force: true });
  }
}
