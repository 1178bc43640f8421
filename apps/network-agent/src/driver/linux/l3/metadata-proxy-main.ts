/**
 * The metadata proxy, run by `ensureDhcp` inside a network's DHCP namespace
 * (`ip netns exec qdhcp-… node --import tsx metadata-proxy-main.ts …`). It
 * listens on 169.254.169.254:80 and hands each guest GET to the agent's
 * relay on a unix socket (a namespace has no route to the control plane;
 * a filesystem socket crosses namespaces), stamped with the network id and
 * the guest's source address. Guests cannot forge those: headers they send
 * are dropped. It holds no credential; the relay adds it.
 */
import { rename, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { METADATA_ADDRESS_HEADER, METADATA_NETWORK_HEADER } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { z } from "zod";
import { METADATA_MAX_BODY, METADATA_MAX_PATH, METADATA_TIMEOUT_MS } from "./metadata-limits.ts";

const ZArgs = z.object({
  listen: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  networkId: z.string().min(1).max(64),
  socket: z.string().min(1),
  pidFile: z.string().min(1),
});

function parseArgs(argv: string[]): z.infer<typeof ZArgs> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1];
    if (key && value !== undefined) raw[key] = value;
  }
  return ZArgs.parse(raw);
}

const args = parseArgs(process.argv.slice(2));
const log = createLogger("metadata-proxy");

const server = createServer({ requestTimeout: METADATA_TIMEOUT_MS, maxHeaderSize: 8 * 1024 }, (req, res) => {
  const reply = (status: number, body: string) => {
    if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain" });
    res.end(body);
  };
  const url = req.url ?? "/";
  if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "Method Not Allowed\n");
  if (url.length > METADATA_MAX_PATH) return reply(414, "URI Too Long\n");
  const guest = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  const upstream = request(
    {
      socketPath: args.socket,
      // A fresh connection each time: the relay restarts with the agent, pooled sockets would be dead.
      agent: false,
      method: req.method,
      path: url,
      headers: {
        host: "metadata",
        [METADATA_NETWORK_HEADER]: args.networkId,
        [METADATA_ADDRESS_HEADER]: guest,
      },
      timeout: METADATA_TIMEOUT_MS,
    },
    (up) => {
      const chunks: Buffer[] = [];
      let size = 0;
      up.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > METADATA_MAX_BODY) {
          up.destroy();
          reply(502, "Bad Gateway\n");
          return;
        }
        chunks.push(chunk);
      });
      up.on("end", () => {
        if (res.writableEnded) return;
        res.writeHead(up.statusCode ?? 502, { "content-type": up.headers["content-type"] ?? "text/plain" });
        res.end(Buffer.concat(chunks));
      });
      up.on("error", () => reply(502, "Bad Gateway\n"));
    },
  );
  upstream.on("timeout", () => upstream.destroy(new Error("relay timed out")));
  upstream.on("error", (err) => {
    log.warn({ err: err.message, guest }, "metadata relay unreachable");
    reply(502, "Bad Gateway\n");
  });
  upstream.end();
});

server.listen(args.port, args.listen, async () => {
  // The pid file appears only once we listen: the agent waits for it to know the proxy is up.
  const tmp = `${args.pidFile}.tmp`;
  await writeFile(tmp, `${process.pid}\n`);
  await rename(tmp, args.pidFile);
  log.info({ listen: `${args.listen}:${args.port}`, networkId: args.networkId }, "metadata proxy listening");
});
server.on("error", (err) => {
  log.error({ err: err.message }, "metadata proxy failed");
  process.exit(1);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
