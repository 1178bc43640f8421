import {
  createVersionedTransport,
  type VersionedClientOptions,
  type VersionedTransport,
} from "../versioned-transport.ts";
import { negotiateVolumeMicroversion } from "./microversion.ts";

export { defined, enc } from "../versioned-transport.ts";

/**
 * Options of the volume client: `endpoint` is the catalog's `volumev3` or
 * `block-storage` URL, e.g. `https://cloud/volume/v3/<project>`.
 */
export type CinderClientOptions = VersionedClientOptions;

/** An HttpClient that sends the negotiated `OpenStack-API-Version: volume 3.x` on every request. */
export type CinderTransport = VersionedTransport;

export function createCinderTransport(options: CinderClientOptions): CinderTransport {
  return createVersionedTransport(options, negotiateVolumeMicroversion, (v) => ({
    "OpenStack-API-Version": `volume ${v}`,
  }));
}
