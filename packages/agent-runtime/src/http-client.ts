/**
 * The agent's HTTP calls to the control plane: image bytes down for
 * spawn/rebuild (streamed, never buffered whole), snapshot bytes up, and
 * the one small JSON exchange of enrolment.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { parseJson } from "./json.ts";

/** Idle socket timeout: a stalled transfer fails instead of hanging a spawn forever. */
const IDLE_TIMEOUT_MS = 60_000;
const MAX_ERROR_BODY = 64 * 1024;

/** The control plane's error bodies: OpenStack faults (`{"itemNotFound": {code, message}}`) or `{error: {message}}`. */
const ZFaultBody = z.record(z.string(), z.object({ message: z.string() }).loose());

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

function send(method: string, url: URL, token: string, headers: Record<string, string | number>) {
  const options: RequestOptions = {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
    timeout: IDLE_TIMEOUT_MS,
  };
  const req = url.protocol === "https:" ? httpsRequest(url, options) : httpRequest(url, options);
  req.on("timeout", () =>
    req.destroy(new Error(`${method} ${url.pathname}: no data for ${IDLE_TIMEOUT_MS} ms`)),
  );
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  return { req, response };
}

/** Rejects with the control plane's own message for a non-2xx answer. */
async function checkStatus(method: string, url: URL, res: IncomingMessage): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return;
  let body = "";
  for await (const chunk of res) {
    if (body.length < MAX_ERROR_BODY) body += String(chunk);
  }
  const fault = ZFaultBody.safeParse(parseJson(body));
  const detail = fault.success ? Object.values(fault.data)[0]?.message : undefined;
  throw new HttpError(status, `${method} ${url.pathname} answered ${status}${detail ? `: ${detail}` : ""}`);
}

/** The response body as a stream; the caller consumes it. */
export async function getStream(url: URL, token: string): Promise<Readable> {
  const { req, response } = send("GET", url, token, { accept: "application/octet-stream" });
  req.end();
  const res = await response;
  await checkStatus("GET", url, res);
  return res;
}

/** Uploads a file as the request body, streamed from disk. */
export async function putFile(url: URL, token: string, path: string): Promise<void> {
  const { size } = await stat(path);
  const { req, response } = send("PUT", url, token, {
    "content-type": "application/octet-stream",
    "content-length": size,
  });
  // The answer may come early (e.g. 413) and cut the upload short: whichever settles first decides.
  const upload = pipeline(createReadStream(path), req).then(() => response);
  const res = await Promise.race([response, upload]);
  await checkStatus("PUT", url, res);
  res.resume();
}

/** Posts a small JSON body and returns the parsed JSON answer (enrolment). */
export async function postJson(url: URL, token: string, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  const { req, response } = send("POST", url, token, {
    "content-type": "application/json",
    accept: "application/json",
    "content-length": payload.length,
  });
  req.end(payload);
  const res = await response;
  await checkStatus("POST", url, res);
  let text = "";
  for await (const chunk of res) {
    if (text.length < MAX_ERROR_BODY) text += String(chunk);
  }
  return parseJson(text);
}
