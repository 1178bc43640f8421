import type { z } from "zod";
import {
  createHttpClient,
  type FetchLike,
  type HttpClient,
  type HttpResponse,
  type RequestOptions,
  type SendOptions,
} from "../http.ts";
import { negotiateMicroversion } from "./microversion.ts";

export interface NovaClientOptions {
  /** The compute endpoint from the catalog (service type `compute`), e.g. `https://cloud/compute/v2.1`. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** Skips discovery (tests, or a caller that already knows). */
  microversion?: string | undefined;
}

/** An HttpClient that sends the negotiated microversion on every request. */
export interface NovaTransport {
  request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<HttpResponse<z.infer<S>>>;
  send(opts: SendOptions): Promise<HttpResponse<undefined>>;
  /** The raw response, for answers whose shape depends on headers. */
  open(opts: SendOptions): Promise<Response>;
  microversion(): Promise<string>;
  readonly http: HttpClient;
}

export function createNovaTransport(options: NovaClientOptions): NovaTransport {
  const http = createHttpClient({
    baseUrl: options.endpoint,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const microversion = (): Promise<string> =>
    options.microversion !== undefined
      ? Promise.resolve(options.microversion)
      : negotiateMicroversion({
          endpoint: options.endpoint,
          token: options.token,
          fetch: options.fetch,
          timeoutMs: options.timeoutMs,
        });
  async function headers(extra: Record<string, string> | undefined): Promise<Record<string, string>> {
    const v = await microversion();
    // The modern header and the legacy one: clouds before Ocata read only the latter.
    return { "OpenStack-API-Version": `compute ${v}`, "X-OpenStack-Nova-API-Version": v, ...extra };
  }
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
