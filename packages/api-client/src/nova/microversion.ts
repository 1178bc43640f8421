import { type FetchLike, OpenStackError } from "../http.ts";
import { ZComputeVersionResponse } from "./schemas/version.ts";

/** The newest compute microversion this client understands; responses are parsed as of it. */
export const WANTED_MICROVERSION = "2.79";

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

/**
 * The compute version document lives at the versioned root
 * (`…/v2.1`); catalogs of older clouds append the project id
 * (`…/v2.1/<project>`), which is cut off here.
 */
export function versionRootOf(endpoint: string): string {
  const url = endpoint.replace(/\/+$/, "");
  const m = /^(.*\/v2(?:\.\d+)?)(?:\/[^/]+)?$/.exec(url);
  return m?.[1] ?? url;
}

/** min(wanted, server max); the server's minimum when it is above what we want (never for 2.79). */
export function chooseMicroversion(
  serverMax: string,
  serverMin: string,
  wanted = WANTED_MICROVERSION,
): string {
  const want = parseMicroversion(wanted);
  const max = parseMicroversion(serverMax);
  // v2.0 (no microversions): send nothing newer than 2.1, the shape v2.0 has.
  if (!want || !max) return "2.1";
  const min = parseMicroversion(serverMin);
  if (min && compareMicroversions(want, min) < 0) return formatMicroversion(min);
  return formatMicroversion(compareMicroversions(want, max) <= 0 ? want : max);
}

/** One negotiation per compute root per process; a failed one is retried by the next caller. */
const negotiated = new Map<string, Promise<string>>();

export function negotiateMicroversion(opts: {
  endpoint: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}): Promise<string> {
  const root = versionRootOf(opts.endpoint);
  const cached = negotiated.get(root);
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
      throw new OpenStackError(503, `Compute version discovery at ${root} failed: ${String(err)}`, {
        cause: err,
      });
    }
    if (!res.ok) throw new OpenStackError(res.status, `Compute version discovery at ${root} failed`);
    const doc = ZComputeVersionResponse.safeParse(await res.json().catch(() => null));
    if (!doc.success) throw new OpenStackError(502, `Unexpected compute version document at ${root}`);
    return chooseMicroversion(doc.data.version.version, doc.data.version.min_version);
  })();
  negotiated.set(root, pending);
  pending.catch(() => negotiated.delete(root));
  return pending;
}

/** Tests start clouds on fresh ports; they can also forget what was learned. */
export function forgetMicroversions(): void {
  negotiated.clear();
}
