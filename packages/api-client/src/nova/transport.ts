import {
  createVersionedTransport,
  type VersionedClientOptions,
  type VersionedTransport,
} from "../versioned-transport.ts";
import { negotiateMicroversion } from "./microversion.ts";

export { defined, enc } from "../versioned-transport.ts";

/** Options of the compute client: `endpoint` is the catalog's `compute` URL, e.g. `https://cloud/compute/v2.1`. */
export type NovaClientOptions = VersionedClientOptions;

/** An HttpClient that sends the negotiated compute microversion on every request. */
export type NovaTransport = VersionedTransport;

export function createNovaTransport(options: NovaClientOptions): NovaTransport {
  // The modern header and the legacy one: clouds before Ocata read only the latter.
  return createVersionedTransport(options, negotiateMicroversion, (v) => ({
    "OpenStack-API-Version": `compute ${v}`,
    "X-OpenStack-Nova-API-Version": v,
  }));
}
