import { type FetchLike, OpenStackError } from "./http.ts";

/** Microversions as Nova and Cinder write them ("2.79", "3.60"). */
export interface Microversion {
  major: number;
  minor: number;
}

export function parseMicroversion(text: string): Microversion | null {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatMicroversion(v: Microversion): string {
  return `${v.major}.${v.minor}`;
}

/** True when `version` is at least `atLeast` (false when either is not a microversion). */
export function microversionAtLeast(version: string, atLeast: string): boolean {
  const a = parseMicroversion(version);
  const b = parseMicroversion(atLeast);
  return a !== null && b !== null && compareMicroversions(a, b) >= 0;
}

/**
 * min(wanted, server max), raised to the server's minimum when that is above
 * what we want; `fallback` when the cloud names no maximum (an API without
 * microversions).
 */
export function pickMicroversion(
  serverMax: string,
  serverMin: string,
  wanted: string,
  fallback: string,
): string {
  const want = parseMicroversion(wanted);
  const max = parseMicroversion(serverMax);
  if (!want || !max) return fallback;
  const min = parseMicroversion(serverMin);
  if (min && compareMicroversions(want, min) < 0) return formatMicroversion(min);
  return formatMicroversion(compareMicroversions(want, max) <= 0 ? want : max);
}

export interface DiscoveryOptions {
  endpoint: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

/** What a service's version discovery is made of: where its document is, how to read it. */
export interface DiscoverySpec {
  /** "Compute", "Volume": named in errors. */
  service: string;
  /** The versioned root the version document lives at, from the catalog's endpoint. */
  rootOf(endpoint: string): string;
  /** Statuses that carry the document besides 2xx (real Cinder may answer 300 Multiple Choices). */
  alsoOk?: readonly number[];
  /** The microversion to send, from the parsed JSON body; throws an OpenStackError when unreadable. */
  choose(body: unknown, root: string): string;
}

/** One negotiation per service root per process; a failed one is retried by the next caller. */
const negotiated = new Map<string, Promise<string>>();

export function negotiateWith(spec: DiscoverySpec, opts: DiscoveryOptions): Promise<string> {
  const root = spec.rootOf(opts.endpoint);
  const key = `${spec.service} ${root}`;
  const cached = negotiated.get(key);
  if (cached) return cached;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const pending = (async () => {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (opts.token) headers["X-Auth-Token"] = opts.token;
    let res: Response;
    try {
      // Without a trailing slash: real Nova redirects to `/v2.1/`, Zenith answers directly.
      res = await doFetch(root, { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new OpenStackError(503, `${spec.service} version discovery at ${root} failed: ${String(err)}`, {
        cause: err,
      });
    }
    if (!res.ok && !spec.alsoOk?.includes(res.status))
      throw new OpenStackError(res.status, `${spec.service} version discovery at ${root} failed`);
    return spec.choose(await res.json().catch(() => null), root);
  })();
  negotiated.set(key, pending);
  pending.catch(() => negotiated.delete(key));
  return pending;
}

/** Tests start clouds on fresh ports; they can also forget what was learned. */
export function forgetNegotiated(service: string): void {
  for (const key of negotiated.keys()) if (key.startsWith(`${service} `)) negotiated.delete(key);
}
