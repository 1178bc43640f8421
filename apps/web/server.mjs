// The portal's HTTP server, run by `npm start` and the tests instead of
// `next start`: Next.js's request handler behind a plain Node server that
// appends the address of the peer that really connected to X-Forwarded-For.
// `next start` keeps a header the browser sent (it fills it only when
// absent), so its nearest hop, which the login throttle counts
// (browserAddress in @zenith/bff/session), would be the browser's to choose.
// Behind a reverse proxy the nearest hop is the proxy's address: throttling
// is then per proxy, never per forged address. It also tells pages which
// requests are Next's router's (client-navigation.mjs).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { markClientNavigation } from "./client-navigation.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
// Next reads NODE_ENV as it loads: a production server, as `next start` runs.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: import.meta.dirname, port, hostname: values.hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
function peerAddress(socket) {
  const address = socket.remoteAddress;
  return address?.startsWith("::ffff:") ? address.slice(7) : address;
}

const server = createServer((req, res) => {
  const peer = peerAddress(req.socket);
  if (peer) {
    const prior = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  }
  // A click's render must not wait for the server's read of the page's data (src/trpc/server-prefetch.tsx).
  markClientNavigation(req.headers);
  handle(req, res).catch((err) => {
    process.stderr.write(`portal: request ${req.method} ${req.url} failed: ${err?.stack ?? err}\n`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, values.hostname, () => {
  process.stdout.write(`portal ready on http://localhost:${port}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
