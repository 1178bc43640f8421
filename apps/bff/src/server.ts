import http from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Logger } from "@zenith/core/logger";
import { type BffConfig, createContextFactory } from "./context.ts";
import { csrfRefusal, DEFAULT_MAX_BODY_BYTES, declaredSizeRefusal, sendRefusal } from "./http-guards.ts";
import { appRouter } from "./router.ts";
import { handleImageUpload, IMAGE_UPLOAD_PATH } from "./uploads.ts";

export const TRPC_PATH = "/api/trpc";

/**
 * The BFF's HTTP server: tRPC under /api/trpc (queries, mutations, and
 * subscriptions as server-sent events), image uploads under
 * /api/images/{id}/file, a liveness probe at /healthz.
 * Built apart from main.ts so tests can start it on an ephemeral port.
 */
export function createBffServer(config: BffConfig, log: Logger): http.Server {
  const createContext = createContextFactory(config, log);
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    // Bodies are counted as they stream in; past the bound tRPC answers PAYLOAD_TOO_LARGE.
    maxBodySize: maxBodyBytes,
    createContext: ({ req, res }) =>
      createContext({
        cookieHeader: req.headers.cookie,
        requestId: headerValue(req.headers["x-request-id"]),
        setCookie: (header) => res.appendHeader("Set-Cookie", header),
      }),
    onError({ error, path, ctx }) {
      // Expected failures (4xx) are the user's; only server faults deserve a stack in the log.
      const logger = ctx?.log ?? log;
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ err: error.cause ?? error, path }, "procedure failed");
      else logger.debug({ code: error.code, path, message: error.message }, "procedure refused");
    },
  });

  return http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    const upload = IMAGE_UPLOAD_PATH.exec(path);
    if (upload?.[1]) {
      handleImageUpload(req, res, decodeURIComponent(upload[1]), config, log).catch((err: unknown) => {
        log.error({ err }, "image upload crashed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (path === TRPC_PATH || path.startsWith(`${TRPC_PATH}/`)) {
      const refused = csrfRefusal(req) ?? declaredSizeRefusal(req, maxBodyBytes);
      if (refused) {
        log.debug({ path, status: refused.status }, "request refused");
        sendRefusal(res, refused);
        return;
      }
      trpc(req, res);
      return;
    }
    res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Not found" }));
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  // Only accept request ids that are safe to log and echo.
  return first && /^[A-Za-z0-9._-]{1,128}$/.test(first) ? first : undefined;
}
