import { createLogger } from "@zenith/core/logger";
import { loadEnv } from "./env.ts";
import { createBffServer } from "./server.ts";

const env = loadEnv();
const log = createLogger("bff", env.LOG_LEVEL);
const server = createBffServer(
  { keystoneUrl: env.ZENITH_KEYSTONE_URL, authSecret: env.AUTH_SECRET, maxBodyBytes: env.BFF_MAX_BODY_BYTES },
  log,
);

server.listen(env.BFF_PORT, env.BFF_HOST, () => {
  log.info({ host: env.BFF_HOST, port: env.BFF_PORT, keystone: env.ZENITH_KEYSTONE_URL }, "BFF listening");
});

let closing = false;
function shutdown(signal: string): void {
  if (closing) return;
  closing = true;
  log.info({ signal }, "shutting down");
  // Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets.
  server.close((err) => {
    if (err) log.error({ err }, "close failed");
    process.exit(err ? 1 : 0);
  });
  server.closeIdleConnections();
  // Subscription streams (SSE) never finish on their own; the browser reconnects to another replica.
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
  // A hung upstream call must not keep the process alive forever.
  setTimeout(() => {
    log.warn("forcing exit after 10 s");
    process.exit(1);
  }, 10_000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
