import { z } from "zod";
import { type FetchLike, OpenStackError } from "../http.ts";

/**
 * The newest volume microversion this client understands (what the
 * OpenStack SDK sends); responses are parsed as of it and tolerate older ones.
 */
export const WANTED_VOLUME_MICROVERSION = "3.60";

interface Version {
  major: number;
  minor: number;
}

function parse(text: string): Version | null {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function compare(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor;
}

/** True when `version` ("3.x") is at least `atLeast`. */
export function volumeVersionAtLeast(version: string, atLeast: string): boolean {
  const a = parse(version);
  const b = parse(atLeast);
  return a !== null && b !== null && compare(a, b) >= 0;
}

/**
 * The catalog names the project (`…/volume/v3/<project>`); the version
 * document lives at the versioned root (`…/volume/v3`).
 */
export function volumeVersionRoot(endpoint: string): string {
  const url = endpoint.replace(/\/+$/, "");
  const m = /^(.*\/v3)(?:\/[^/]+)?$/.exec(url);
  return m?.[1] ?? url;
}

/** min(wanted, server max), raised to the server's minimum; "3.0" when the cloud names none. */
export function chooseVolumeMicroversion(
  serverMax: string,
  serverMin: string,
  wanted = WANTED_VOLUME_MICROVERSION,
): string {
  const want = parse(wanted);
  const max = parse(serverMax);
  if (!want || !max) return "3.0";
  const min = parse(serverMin);
  const pick = min && compare(want, min) < 0 ? min : compare(want, max) <= 0 ? want : max;
  return `${pick.major}.${pick.minor}`;
}

/** `GET …/v3`: `{versions:[…]}` (upstream's version-show), or `{version:{…}}` from some proxies. */
const ZVersionEntry = z
  .object({
    id: z.string(),
    version: z.string().default(""),
    min_version: z.string().default(""),
  })
  .loose();
const ZVolumeVersionDoc = z.object({
  versions: z.array(ZVersionEntry).optional(),
  version: ZVersionEntry.optional(),
});

const negotiated = new Map<string, Promise<string>>();

/** One negotiation per volume root per process; a failed one is retried by the next caller. */
export function negotiateVolumeMicroversion(opts: {
  endpoint: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}): Promise<string> {
  const root = volumeVersionRoot(opts.endpoint);
  const cached = negotiated.get(root);
  if (cached) return cached;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const pending = (async () => {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (opts.token) headers["X-Auth-Token"] = opts.token;
    let res: Response;
    try {
      res = await doFetch(root, { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new OpenStackError(503, `Volume version discovery at ${root} failed: ${String(err)}`, {
        cause: err,
      });
    }
    // Real Cinder may answer 300 Multiple Choices with the same document.
    if (!res.ok && res.status !== 300)
      throw new OpenStackError(res.status, `Volume version discovery at ${root} failed`);
    const doc = ZVolumeVersionDoc.safeParse(await res.json().catch(() => null));
    if (!doc.success) throw new OpenStackError(502, `Unexpected volume version document at ${root}`);
    const entry =
      doc.data.versions?.find((v) => v.id.startsWith("v3")) ?? doc.data.versions?.[0] ?? doc.data.version;
    if (!entry) throw new OpenStackError(502, `No v3 entry in the volume version document at ${root}`);
    return chooseVolumeMicroversion(entry.version, entry.min_version);
  })();
  negotiated.set(root, pending);
  pending.catch(() => negotiated.delete(root));
  return pending;
}

/** Tests start clouds on fresh ports; they can also forget what was learned. */
export function forgetVolumeMicroversions(): void {
  negotiated.clear();
}
