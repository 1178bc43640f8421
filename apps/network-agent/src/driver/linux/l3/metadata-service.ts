/**
 * The metadata service of every DHCP namespace of one host, served by the
 * agent process itself: for each network a throwaway child (`ip netns exec
 * <ns> node -e …`) opens a listening socket on 169.254.169.254:80 inside the
 * namespace and hands it over through Node's IPC channel, then exits. A
 * socket keeps the namespace it was made in, so the agent answers guests
 * there while talking to the control plane from the host: no process per
 * network, no credential outside the agent. When the agent restarts the
 * sockets go with it (as a metadata agent's do) and the next convergence
 * opens them again; guests retry.
 */
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { Server as NetServer } from "node:net";
import { z } from "zod";
import { forwardMetadata, type MetadataUpstream } from "./metadata-forward.ts";
import { METADATA_ADDRESS } from "./names.ts";

export const METADATA_PORT = 80;

/**
 * Runs inside the namespace for a few milliseconds: plain JavaScript with
 * only `node:net`, so no loader is needed whatever runs the agent.
 */
const LISTENER = [
  'const s = require("node:net").createServer();',
  's.on("error", (e) => process.send({ error: e.message }, () => process.exit(1)));',
  "s.listen({ host: process.argv[1], port: Number(process.argv[2]) }, () =>",
  "  process.send({ ok: true }, s, () => process.exit(0)));",
].join("\n");

const ZListenerMessage = z.object({ ok: z.boolean().optional(), error: z.string().max(2000).optional() });

interface Entry {
  netns: string;
  /** The namespace's identity when the socket was made: a namespace re-made under the same name is another. */
  inode: number;
  http: Server;
  socket: NetServer;
}

async function netnsInode(netns: string): Promise<number> {
  return (await stat(`/run/netns/${netns}`)).ino;
}

function openListener(netns: string, host: string, port: number): Promise<NetServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "ip",
      ["netns", "exec", netns, process.execPath, "-e", LISTENER, host, String(port)],
      {
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      },
    );
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      if (stderr.length < 2000) stderr += String(c);
    });
    child.once("message", (msg: unknown, handle: unknown) => {
      const m = ZListenerMessage.safeParse(msg);
      if (m.success && m.data.ok && handle instanceof NetServer) resolve(handle);
      else reject(new Error(`metadata listener in ${netns}: ${(m.success && m.data.error) || "no socket"}`));
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      // After a handover the child exits 0; anything else before it means no socket.
      if (code !== 0) reject(new Error(`metadata listener in ${netns} exited (${code}): ${stderr.trim()}`));
    });
  });
}

export class MetadataService {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly upstream: MetadataUpstream) {}

  /** Serves the network's guests in `netns` (169.254.169.254 must already be on an interface there). */
  async ensure(netns: string, networkId: string): Promise<void> {
    const inode = await netnsInode(netns);
    const cur = this.entries.get(networkId);
    if (cur && cur.netns === netns && cur.inode === inode && cur.http.listening) return;
    await this.remove(networkId);
    const socket = await openListener(netns, METADATA_ADDRESS, METADATA_PORT);
    const http = createServer({ requestTimeout: this.upstream.timeoutMs ?? 10_000, maxHeaderSize: 8 * 1024 });
    http.on("request", (req, res) => {
      const guest = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
      void forwardMetadata(this.upstream, {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        networkId,
        guest,
      })
        .catch((err: unknown) => {
          this.upstream.logger.error(
            { err: err instanceof Error ? err.message : String(err) },
            "metadata failed",
          );
          return { status: 500, contentType: "text/plain", body: "Internal Server Error\n" };
        })
        .then((a) => {
          res.writeHead(a.status, { "content-type": a.contentType });
          res.end(req.method === "HEAD" ? undefined : a.body);
        });
    });
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(socket, () => resolve());
    });
    this.entries.set(networkId, { netns, inode, http, socket });
    this.upstream.logger.info({ networkId, netns }, "metadata service listening");
  }

  /** Stops serving the network (before its namespace is deleted: an open socket would keep it alive). */
  async remove(networkId: string): Promise<void> {
    const e = this.entries.get(networkId);
    if (!e) return;
    this.entries.delete(networkId);
    e.http.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => e.http.close(() => resolve())),
      new Promise<void>((resolve) => e.socket.close(() => resolve())),
    ]);
  }

  /** The networks served now. */
  networks(): string[] {
    return [...this.entries.keys()];
  }

  async close(): Promise<void> {
    await Promise.all(this.networks().map((id) => this.remove(id)));
  }
}
