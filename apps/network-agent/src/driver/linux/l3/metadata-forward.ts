/**
 * One guest metadata request, forwarded to the control plane's
 * `agentMetadataPath(path)` with the host's credential, the network id and
 * the guest's address; bounded in path, body and time.
 */
import {
  AGENT_METADATA_PREFIX,
  agentMetadataPath,
  METADATA_ADDRESS_HEADER,
  METADATA_NETWORK_HEADER,
} from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";

export const METADATA_MAX_PATH = 1024;
/** Nova caps user data at 64 KiB base64; a metadata document is far smaller than this. */
export const METADATA_MAX_BODY = 1024 * 1024;
export const METADATA_TIMEOUT_MS = 10_000;

export interface MetadataUpstream {
  /** The control plane's base URL, e.g. "http://127.0.0.1:8774". */
  controlUrl: string;
  /** The host's agent credential (read per request: it may be renewed). */
  token: () => Promise<string>;
  logger: Logger;
  timeoutMs?: number | undefined;
}

export interface MetadataAnswer {
  status: number;
  contentType: string;
  body: Buffer | string;
}

const answer = (status: number, body: string): MetadataAnswer => ({
  status,
  contentType: "text/plain",
  body,
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

export async function forwardMetadata(
  up: MetadataUpstream,
  request: { method: string; path: string; networkId: string; guest: string },
): Promise<MetadataAnswer> {
  if (request.method !== "GET" && request.method !== "HEAD") return answer(405, "Method Not Allowed\n");
  const url = metadataUrl(up.controlUrl, request.path);
  if (!url) return answer(404, "Not Found\n");
  try {
    const res = await fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${await up.token()}`,
        [METADATA_NETWORK_HEADER]: request.networkId,
        [METADATA_ADDRESS_HEADER]: request.guest,
      },
      signal: AbortSignal.timeout(up.timeoutMs ?? METADATA_TIMEOUT_MS),
    });
    const body = await readCapped(res.body);
    if (!body) return answer(502, "Bad Gateway\n");
    return { status: res.status, contentType: res.headers.get("content-type") ?? "text/plain", body };
  } catch (err) {
    up.logger.warn(
      { err: err instanceof Error ? err.message : String(err), path: url.pathname },
      "metadata request failed",
    );
    return answer(502, "Bad Gateway\n");
  }
}
