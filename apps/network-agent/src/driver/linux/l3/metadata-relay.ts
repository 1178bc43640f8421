/**
 * The agent's half of the metadata service: an HTTP server on a unix socket
 * (mode 0600, under the agent's state dir) that the proxies in the DHCP
 * namespaces call. It forwards each GET to the control plane's
 * `agentMetadataPath(path)` with the host's credential and the network id
 * and guest address the proxy stamped; the control plane decides which
 * instance, if any, that is.
 */
import { chmod, mkdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { dirname } from "node:path";
import {
  AGENT_METADATA_PREFIX,
  agentMetadataPath,
  METADATA_ADDRESS_HEADER,
  METADATA_NETWORK_HEADER,
} from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { METADATA_MAX_BODY, METADATA_MAX_PATH, METADATA_TIMEOUT_MS } from "./metadata-limits.ts";

export interface MetadataRelayOptions {
  socketPath: string;
  /** The control plane's base URL, e.g. "http://127.0.0.1:8774". */
  controlUrl: string;
  /** The host's agent credential (read per request: it may be renewed). */
  token: () => Promise<string>;
  logger: Logger;
  timeoutMs?: number;
}

export interface MetadataRelay {
  close(): Promise<void>;
}

const ZStamp = z.object({
  network: z.string().min(1).max(64),
  address: z.union([z.ipv4(), z.ipv6()]),
});

/** The control-plane URL for a guest's path, or null when the path would leave the metadata prefix. */
export function metadataUrl(controlUrl: string, guestPath: string): URL | null {
  if (guestPath.length > METADATA_MAX_PATH || !guestPath.startsWith("/") || guestPath.includes("\\"))
    return null;
  const url = new URL(agentMetadataPath(guestPath), controlUrl);
  // `..` and its encodings are resolved by URL parsing: what is left must still be under the prefix.
  return url.pathname.startsWith(AGENT_METADATA_PREFIX) ? url : null;
}

async function readCapped(body: ReadableStream<Uint8Array> | null): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > METADATA_MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function startMetadataRelay(opts: MetadataRelayOptions): Promise<MetadataRelay> {
  const timeoutMs = opts.timeoutMs ?? METADATA_TIMEOUT_MS;
  const server: Server = createServer({ requestTimeout: timeoutMs }, (req, res) => {
    const reply = (status: number, body: Buffer | string, type = "text/plain") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    void (async () => {
      const stamp = ZStamp.safeParse({
        network: req.headers[METADATA_NETWORK_HEADER],
        address: req.headers[METADATA_ADDRESS_HEADER],
      });
      if (!stamp.success) return reply(400, "Bad Request\n");
      if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "Method Not Allowed\n");
      const url = metadataUrl(opts.controlUrl, req.url ?? "/");
      if (!url) return reply(404, "Not Found\n");
      try {
        const answer = await fetch(url, {
          method: req.method,
          headers: {
            authorization: `Bearer ${await opts.token()}`,
            [METADATA_NETWORK_HEADER]: stamp.data.network,
            [METADATA_ADDRESS_HEADER]: stamp.data.address,
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = await readCapped(answer.body);
        if (!body) return reply(502, "Bad Gateway\n");
        reply(answer.status, body, answer.headers.get("content-type") ?? "text/plain");
      } catch (err) {
        opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err), path: url.pathname },
          "metadata request failed",
        );
        reply(502, "Bad Gateway\n");
      }
    })();
  });
  await mkdir(dirname(opts.socketPath), { recursive: true, mode: 0o700 });
  // A socket file left by a previous run would make listen fail with EADDRINUSE.
  await rm(opts.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.socketPath, () => resolve());
  });
  await chmod(opts.socketPath, 0o600);
  opts.logger.info({ socket: opts.socketPath }, "metadata relay listening");
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
