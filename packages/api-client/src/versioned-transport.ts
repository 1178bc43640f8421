import type { z } from "zod";
import {
  createHttpClient,
  type FetchLike,
  type HttpClient,
  type HttpResponse,
  type RequestOptions,
  type SendOptions,
} from "./http.ts";
import type { DiscoveryOptions } from "./microversion.ts";

export interface VersionedClientOptions {
  /** The service's endpoint from the catalog. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** Skips discovery (tests, or a caller that already knows). */
  microversion?: string | undefined;
}

/** An HttpClient that sends the negotiated microversion on every request. */
export interface VersionedTransport {
  request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<HttpResponse<z.infer<S>>>;
  send(opts: SendOptions): Promise<HttpResponse<undefined>>;
  /** The raw response, for answers whose shape depends on headers. */
  open(opts: SendOptions): Promise<Response>;
  microversion(): Promise<string>;
  readonly http: HttpClient;
}

/**
 * The transport of a microversioned API (Nova, Cinder): `negotiate` finds the
 * version to send (once per cloud), `headersFor` spells it in the service's headers.
 */
export function createVersionedTransport(
  options: VersionedClientOptions,
  negotiate: (opts: DiscoveryOptions) => Promise<string>,
  headersFor: (version: string) => Record<string, string>,
): VersionedTransport {
  const http = createHttpClient({
    baseUrl: options.endpoint,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const microversion = (): Promise<string> =>
    options.microversion !== undefined
      ? Promise.resolve(options.microversion)
      : negotiate({
          endpoint: options.endpoint,
          token: options.token,
          fetch: options.fetch,
          timeoutMs: options.timeoutMs,
        });
  const headers = async (extra: Record<string, string> | undefined) => ({
    ...headersFor(await microversion()),
    ...extra,
  });
  return {
    http,
    microversion,
    async request(opts) {
      return http.request({ ...opts, headers: await headers(opts.headers) });
    },
    async send(opts) {
      return http.send({ ...opts, headers: await headers(opts.headers) });
    },
    async open(opts) {
      return http.open({ ...opts, headers: await headers(opts.headers) });
    },
  };
}

export const enc = encodeURIComponent;

/** Drops `undefined` values so bodies only carry what is set. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
