import type { z } from "zod";
import {
  createHttpClient,
  type FetchLike,
  type HttpClient,
  type HttpResponse,
  type RequestOptions,
  type SendOptions,
} from "../http.ts";
import { negotiateVolumeMicroversion } from "./microversion.ts";

export interface CinderClientOptions {
  /** The volume endpoint from the catalog (type `volumev3` or `block-storage`), e.g. `https://cloud/volume/v3/<project>`. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** Skips discovery (tests, or a caller that already knows). */
  microversion?: string | undefined;
}

/** An HttpClient that sends the negotiated `OpenStack-API-Version: volume 3.x` on every request. */
export interface CinderTransport {
  request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<HttpResponse<z.infer<S>>>;
  send(opts: SendOptions): Promise<HttpResponse<undefined>>;
  microversion(): Promise<string>;
  readonly http: HttpClient;
}

export function createCinderTransport(options: CinderClientOptions): CinderTransport {
  const http = createHttpClient({
    baseUrl: options.endpoint,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const microversion = (): Promise<string> =>
    options.microversion !== undefined
      ? Promise.resolve(options.microversion)
      : negotiateVolumeMicroversion({
          endpoint: options.endpoint,
          token: options.token,
          fetch: options.fetch,
          timeoutMs: options.timeoutMs,
        });
  async function headers(extra: Record<string, string> | undefined): Promise<Record<string, string>> {
    return { "OpenStack-API-Version": `volume ${await microversion()}`, ...extra };
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
  };
}

export const enc = encodeURIComponent;

/** Drops `undefined` values so bodies only carry what is set. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
