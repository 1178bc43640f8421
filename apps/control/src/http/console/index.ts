/**
 * What browsers reach of the console proxy: the WebSocket a console URL
 * names (`/console/websocket?token=…`, one use per token) and, for `novnc`,
 * the noVNC page and its script files.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import type { ConsoleProxy } from "../../services/compute/consoles/proxy.ts";
import type { ConsoleTokens } from "../../services/compute/consoles/tokens.ts";
import { refuseUpgrade, type UpgradeRouter } from "../upgrade-router.ts";
import { DEFAULT_PORTAL_URL, originAllowed, originsOf } from "./origins.ts";
import { VNC_PAGE } from "./vnc-page.ts";

export const CONSOLE_SOCKET_PATH = "/console/websocket";
export const VNC_PAGE_PATH = "/console/vnc_auto.html";
const NOVNC_PREFIX = "/console/novnc/";

/** A framebuffer update can be large; keystrokes and serial output are tiny. */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** The URLs a console token is handed out in, relative to the control plane's public URL. */
export function consoleUrls(publicUrl: string, token: string): { serial: string; novnc: string } {
  const base = publicUrl.replace(/\/+$/, "");
  const socketPath = `${CONSOLE_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
  return {
    serial: base.replace(/^http/, "ws") + socketPath,
    novnc: `${base}${VNC_PAGE_PATH}?path=${encodeURIComponent(socketPath.slice(1))}`,
  };
}

export function registerConsoleRoutes(
  app: FastifyInstance,
  router: UpgradeRouter,
  deps: {
    tokens: ConsoleTokens;
    proxy: ConsoleProxy;
    /** Browser origins allowed besides the control plane's own; default: the portal on localhost:3000. */
    allowedOrigins?: readonly string[] | undefined;
    publicUrl: () => string;
  },
): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const configured = deps.allowedOrigins ?? originsOf(DEFAULT_PORTAL_URL);
  router.add(
    (path) => path === CONSOLE_SOCKET_PATH,
    (req, socket, head) => {
      const publicUrl = deps.publicUrl();
      const allowed = new Set([...configured, ...(publicUrl ? originsOf(publicUrl) : [])]);
      // Checked before the token is spent: a foreign page must not burn the user's console URL.
      if (!originAllowed(req.headers.origin, req.headers.host, allowed)) {
        app.log.info({ origin: req.headers.origin }, "console connection refused: foreign origin");
        refuseUpgrade(socket, 403, "Forbidden", "This origin may not open consoles.");
        return;
      }
      const token = new URL(req.url ?? "/", "http://console").searchParams.get("token") ?? "";
      deps.tokens
        .consume(token)
        .then((grant) => {
          if (!grant) {
            app.log.info({ remote: req.socket.remoteAddress }, "console connection refused: bad token");
            refuseUpgrade(
              socket,
              401,
              "Unauthorized",
              "The console token is invalid, expired or already used.",
            );
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => deps.proxy.attachBrowser(ws, grant));
        })
        .catch((err: unknown) => {
          app.log.error({ err }, "console token check failed");
          refuseUpgrade(socket, 503, "Service Unavailable");
        });
    },
  );
  app.addHook("preClose", async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
  });

  app.get(VNC_PAGE_PATH, async (_request, reply) => reply.type("text/html; charset=utf-8").send(VNC_PAGE));
  // The package exports only core/rfb.js; its folder holds the modules rfb.js imports.
  const novncRoot = dirname(dirname(createRequire(import.meta.url).resolve("@novnc/novnc")));
  app.register(fastifyStatic, { root: novncRoot, prefix: NOVNC_PREFIX, decorateReply: false, index: false });
}
