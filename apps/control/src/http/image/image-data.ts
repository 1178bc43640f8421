import type { IncomingMessage } from "node:http";
import { PassThrough, Readable } from "node:stream";
import { isZenithError, ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../parse.ts";
import { type ImageRouteEnv, requireImageAuth } from "./route-env.ts";

const ZParams = z.object({ id: idParam });
const ZLength = z.string().regex(/^\d+$/).transform(Number).optional().catch(undefined);

/**
 * The request body, decoupled from the socket: the store destroys its
 * source on failure (too large, disk error), and destroying the request
 * itself would kill the connection before the error reply goes out.
 * Client aborts still reach the store, so the temp file is removed.
 */
function uploadBody(raw: IncomingMessage): Readable {
  const body = new PassThrough();
  raw.on("error", (err) => body.destroy(err));
  raw.on("close", () => {
    if (!raw.complete) body.destroy(new Error("client aborted the upload"));
  });
  raw.pipe(body);
  return body;
}

export function registerImageDataRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  const { data } = env.image;

  // Upload bodies are streamed to disk as they arrive, never buffered (hence no bodyLimit here).
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));

  app.put("/image/v2/images/:id/file", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    if (!(request.body instanceof Readable)) {
      throw new ZenithError("UNSUPPORTED_MEDIA_TYPE", "Image data must be sent as application/octet-stream.");
    }
    try {
      const length = ZLength.parse(request.headers["content-length"]);
      data.checkDeclaredSize(length);
      await data.upload(ctx, id, uploadBody(request.raw), length);
    } catch (err) {
      // The rest of a refused body is not worth reading: close the connection after the reply.
      if (isZenithError(err) && err.code === "PAYLOAD_TOO_LARGE") reply.header("Connection", "close");
      throw err;
    }
    return reply.status(204).send();
  });

  app.get("/image/v2/images/:id/file", async (request, reply) => {
    const ctx = await requireImageAuth(env, request);
    const { id } = parse(ZParams, request.params);
    const download = await data.download(ctx, id);
    if (!download) return reply.status(204).send();
    reply.header("Content-Type", "application/octet-stream").header("Content-Length", download.size);
    if (download.md5) reply.header("Content-MD5", download.md5);
    return reply.send(download.stream);
  });
}
