import { z } from "zod";
import { type FetchLike, OpenStackError } from "../http.ts";
import { forgetNegotiated, microversionAtLeast, negotiateWith, pickMicroversion } from "../microversion.ts";

/**
 * The newest volume microversion this client understands (what the
 * OpenStack SDK sends); responses are parsed as of it and tolerate older ones.
 */
export const WANTED_VOLUME_MICROVERSION = "3.60";

/** True when `version` ("3.x") is at least `atLeast`. */
export const volumeVersionAtLeast = microversionAtLeast;

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
  return pickMicroversion(serverMax, serverMin, wanted, "3.0");
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

const VOLUME = {
  service: "Volume",
  rootOf: volumeVersionRoot,
  // Real Cinder may answer 300 Multiple Choices with the same document.
  alsoOk: [300],
  choose(body: unknown, root: string): string {
    const doc = ZVolumeVersionDoc.safeParse(body);
    if (!doc.success) throw new OpenStackError(502, `Unexpected volume version document at ${root}`);
    const entry =
      doc.data.versions?.find((v) => v.id.startsWith("v3")) ?? doc.data.versions?.[0] ?? doc.data.version;
    if (!entry) throw new OpenStackError(502, `No v3 entry in the volume version document at ${root}`);
    return chooseVolumeMicroversion(entry.version, entry.min_version);
  },
};

/** One negotiation per volume root per process; a failed one is retried by the next caller. */
export function negotiateVolumeMicroversion(opts: {
  endpoint: string;
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}): Promise<string> {
  return negotiateWith(VOLUME, opts);
}

/** Tests start clouds on fresh ports; they can also forget what was learned. */
export function forgetVolumeMicroversions(): void {
  forgetNegotiated(VOLUME.service);
}
