import type http from "node:http";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import type { Logger } from "@zenith/core/logger";
import type { BffConfig } from "./context.ts";
import { createCloud } from "./services/cloud/clients.ts";
import { toZenithError } from "./services/errors.ts";
import { isSessionExpired, readSession } from "./session.ts";

/** `PUT /api/images/{id}/file`: the target of `images.create`'s `uploadUrl`. */
export const IMAGE_UPLOAD_PATH = /^\/api\/images\/([^/]+)\/file$/;

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

/**
 * Streams an image file from the browser to Glance with the session's
 * token: the request body is piped through, never buffered, so a multi-GiB
 * upload costs the BFF a few chunks of memory. The browser's XHR gets its
 * progress events from its own upload; the answer is `{ ok: true }` once
 * Glance has stored the data.
 */
export async function handleImageUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  imageId: string,
  config: BffConfig,
  log: Logger,
): Promise<void> {
  if (req.method !== "PUT")
    return reply(res, 405, { error: { message: "Use PUT.", code: "METHOD_NOT_ALLOWED" } });
  const session = await readSession(req.headers.cookie, config.authSecret);
  if (!session || isSessionExpired(session.keystone) || !session.keystone.project) {
    return reply(res, 401, { error: { message: "You are not logged in.", code: "UNAUTHORIZED" } });
  }
  const token = session.keystone.token;
  const keystone = createKeystoneClient({ authUrl: config.keystoneUrl, token, fetch: config.fetch });
  const cloud = createCloud({ token, keystone, fetch: config.fetch });
  try {
    const glance = await cloud.glance();
    // An IncomingMessage is an async iterable of Buffers (Uint8Arrays): streamed as is.
    await glance.upload(imageId, req);
    reply(res, 200, { ok: true });
  } catch (err) {
    const zenith = toZenithError(err);
    if (!zenith || zenith.info.status >= 500) log.error({ err, imageId }, "image upload failed");
    const status = zenith?.info.status ?? 500;
    const message = zenith && status < 500 ? zenith.message : "The upload failed.";
    // The browser may still be sending; answering closes the exchange either way.
    reply(res, status, { error: { message, code: zenith?.code ?? "INTERNAL" } });
  }
}
