import { z } from "zod";

/**
 * A small fetch wrapper for OpenStack REST APIs. It knows nothing about
 * Zenith: base URL joining, JSON bodies, `X-Auth-Token`, a timeout,
 * zod-validated responses and one error type carrying the upstream status,
 * message and request id.
 */

export type FetchLike = typeof fetch;
type FetchBody = NonNullable<RequestInit["body"]>;

export class OpenStackError extends Error {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly body: unknown;

  constructor(
    status: number,
    message: string,
    options: { requestId?: string; body?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OpenStackError";
    this.status = status;
    this.requestId = options.requestId;
    this.body = options.body;
  }
}

export function isOpenStackError(err: unknown): err is OpenStackError {
  return err instanceof OpenStackError;
}

const ZMessageHolder = z.object({ message: z.string() }).loose();

/**
 * Finds the human message in an OpenStack error body. Keystone wraps it in
 * `{"error":{...}}`, Nova/Cinder/Glance in a fault-named key
 * (`{"itemNotFound":{...}}`), Neutron in `{"NeutronError":{...}}`; some
 * services send a bare `{"message": ...}` or `{"description": ...}`.
 */
export function extractErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return plainText(body);
  if (body === null || typeof body !== "object") return undefined;
  const record: Record<string, unknown> = { ...body };
  const direct = ZMessageHolder.safeParse(record);
  if (direct.success) return direct.data.message;
  for (const key of ["error", "NeutronError", ...Object.keys(record)]) {
    const inner = ZMessageHolder.safeParse(record[key]);
    if (inner.success) return inner.data.message;
  }
  if (typeof record.description === "string") return record.description;
  return undefined;
}

/**
 * Glance (webob) and proxies answer errors with small HTML pages
 * ("<h1>404 Not Found</h1>No image found with ID x"): keep only the text.
 */
function plainText(body: string): string | undefined {
  const text = body.includes("<")
    ? body
        .replace(/<title>[\s\S]*?<\/title>/gi, "")
        .replace(/<(br|\/h1|\/p)\s*\/?>/gi, " ")
        .replace(/<[^>]+>/g, "")
    : body;
  const squeezed = text.replace(/\s+/g, " ").trim();
  return squeezed === "" ? undefined : squeezed;
}

export function requestIdFrom(headers: Headers): string | undefined {
  return (
    headers.get("x-openstack-request-id") ??
    headers.get("x-compute-request-id") ??
    headers.get("x-request-id") ??
    undefined
  );
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** An array repeats the key (`fields=id&fields=name`), as Neutron reads multi-valued filters. */
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === false) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
      continue;
    }
    // OpenStack boolean flags (`effective`, `include_names`) are presence flags or "true".
    params.append(key, value === true ? "true" : String(value));
  }
  const qs = params.toString();
  if (qs === "") return url;
  return `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

export interface HttpClientOptions {
  baseUrl: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  /** Milliseconds before a request is aborted; default 30 s. */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
}

export interface SendOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the client's token (or sends none with `null`). */
  token?: string | null;
  /**
   * A non-JSON body (image data): sent as is, with `contentType`. Streams
   * are sent chunked without buffering; `body` is ignored when set.
   */
  rawBody?: RawBody;
  contentType?: string;
  /** Overrides the client's timeout; `null` disables it (long uploads and downloads). */
  timeoutMs?: number | null;
  /** Aborts the request (e.g. a long poll whose reader went away); fails like a timeout. */
  signal?: AbortSignal | undefined;
}

/** Bodies that are streamed rather than JSON-encoded: a web stream, a Node `Readable`, or bytes. */
export type RawBody =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Uint8Array<ArrayBuffer>
  | Blob
  | string;

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/**
 * Web fetch takes a web `ReadableStream`; a Node `Readable` is an async
 * iterable, so it is adapted without importing node:stream (the client also
 * runs in edge runtimes).
 */
export function toFetchBody(body: RawBody): { body: FetchBody; streaming: boolean } {
  if (body instanceof ReadableStream) return { body, streaming: true };
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof Blob)
    return { body, streaming: false };
  if (isAsyncIterable(body)) {
    const iterator = body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    });
    return { body: stream, streaming: true };
  }
  throw new TypeError("Unsupported request body");
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

export interface RequestOptions<S extends z.ZodType> extends SendOptions {
  /** Validates the JSON response. */
  schema: S;
}

export interface HttpClient {
  readonly baseUrl: string;
  /** Sends a request and validates its JSON response with `schema`. */
  request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<HttpResponse<z.infer<S>>>;
  /** Sends a request whose response body is empty or ignored (204s, DELETE, HEAD). */
  send(opts: SendOptions): Promise<HttpResponse<undefined>>;
  /**
   * Sends a request and hands back the unread response (downloads); errors
   * are still thrown as OpenStackError. The caller must consume or cancel the body.
   */
  open(opts: SendOptions): Promise<Response>;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function dispatch(opts: SendOptions): Promise<{ res: Response; url: string; method: string }> {
    const url = withQuery(joinUrl(options.baseUrl, opts.path), opts.query);
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...options.headers,
      ...opts.headers,
    };
    const token = opts.token === undefined ? options.token : opts.token;
    if (token) headers["X-Auth-Token"] = token;
    let body: FetchBody | undefined;
    let streaming = false;
    if (opts.rawBody !== undefined) {
      ({ body, streaming } = toFetchBody(opts.rawBody));
      headers["Content-Type"] = opts.contentType ?? "application/octet-stream";
    } else if (opts.body !== undefined) {
      headers["Content-Type"] = opts.contentType ?? "application/json";
      body = JSON.stringify(opts.body);
    }
    const method = opts.method ?? "GET";
    const limit = opts.timeoutMs === undefined ? timeoutMs : opts.timeoutMs;
    const init: RequestInit & { duplex?: "half" } = { method, headers, body };
    const signals = [
      ...(limit === null ? [] : [AbortSignal.timeout(limit)]),
      ...(opts.signal ? [opts.signal] : []),
    ];
    if (signals.length > 0) init.signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    // Node's fetch refuses a stream body unless told the request is half-duplex.
    if (streaming) init.duplex = "half";
    let res: Response;
    try {
      res = await doFetch(url, init);
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      // 503/504 so callers treat an unreachable upstream like an unavailable one.
      throw new OpenStackError(
        timedOut ? 504 : 503,
        timedOut ? `${method} ${url} timed out after ${limit} ms` : `${method} ${url} failed: ${String(err)}`,
        { cause: err },
      );
    }
    if (!res.ok) {
      const payload = method === "HEAD" ? undefined : await readBody(res);
      const message = extractErrorMessage(payload) ?? `${method} ${url} returned ${res.status}`;
      throw new OpenStackError(res.status, message, { requestId: requestIdFrom(res.headers), body: payload });
    }
    return { res, url, method };
  }

  async function exchange(opts: SendOptions): Promise<{ res: Response; payload: unknown; url: string }> {
    const { res, url, method } = await dispatch(opts);
    const payload = method === "HEAD" ? undefined : await readBody(res);
    return { res, payload, url };
  }

  return {
    baseUrl: options.baseUrl,
    async request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<HttpResponse<z.infer<S>>> {
      const { res, payload, url } = await exchange(opts);
      const parsed = opts.schema.safeParse(payload);
      if (!parsed.success) {
        // A 502: the upstream answered, but not with what the API reference promises.
        throw new OpenStackError(
          502,
          `Unexpected response from ${opts.method ?? "GET"} ${url}: ${parsed.error.message}`,
          {
            requestId: requestIdFrom(res.headers),
            body: payload,
            cause: parsed.error,
          },
        );
      }
      return { data: parsed.data, status: res.status, headers: res.headers };
    },
    async send(opts: SendOptions): Promise<HttpResponse<undefined>> {
      const { res } = await exchange(opts);
      return { data: undefined, status: res.status, headers: res.headers };
    },
    async open(opts: SendOptions): Promise<Response> {
      return (await dispatch(opts)).res;
    },
  };
}
