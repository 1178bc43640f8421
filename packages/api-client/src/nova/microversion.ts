import { type FetchLike, OpenStackError } from "../http.ts";
import { forgetNegotiated, negotiateWith, pickMicroversion } from "../microversion.ts";
import { ZComputeVersionResponse } from "./schemas/version.ts";

/** The newest compute microversion this client understands; responses are parsed as of it. */
export const WANTED_MICROVERSION = "2.79";

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
  // v2.0 (no microversions): send nothing newer than 2.1, the shape v2.0 has.
  return pickMicroversion(serverMax, serverMin, wanted, "2.1");
}

const COMPUTE = {
  service: "Compute",
  rootOf: versionRootOf,
  choose(body: unknown, root: string): string {
    const doc = ZComputeVersionResponse.safeParse(body);
    if (!doc.success) throw new OpenStackError(502, `Unexpected compute version document at ${root}`);
    return chooseMicroversion(doc.data.version.version, doc.data.version.min_version);
  },
};

/** One negotiation per compute root per process; a failed one is retried by the next caller. */
export function negotiateMicroversion(opts: {
  endpoint: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}): Promise<string> {
  return negotiateWith(COMPUTE, opts);
}

/** Tests start clouds on fresh ports; they can also forget what was learned. */
export function forgetMicroversions(): void {
  forgetNegotiated(COMPUTE.service);
}
