import { flavorsApi } from "./flavors.ts";
import { hostsApi } from "./hosts.ts";
import { interfacesApi } from "./interfaces.ts";
import { keyPairsApi } from "./keypairs.ts";
import { quotasApi } from "./quotas.ts";
import { serversApi } from "./servers.ts";
import { createNovaTransport, type NovaClientOptions } from "./transport.ts";
import { volumeAttachmentsApi } from "./volume-attachments.ts";

/**
 * Typed Nova v2.1 client. Every call carries the negotiated microversion
 * (min(2.79, the cloud's maximum), discovered once per process per
 * endpoint) and responses are validated with zod.
 */
export function createNovaClient(options: NovaClientOptions) {
  const transport = createNovaTransport(options);
  return {
    transport,
    microversion: transport.microversion,
    servers: serversApi(transport),
    flavors: flavorsApi(transport),
    keyPairs: keyPairsApi(transport),
    quotas: quotasApi(transport),
    hosts: hostsApi(transport),
    interfaces: interfacesApi(transport),
    volumeAttachments: volumeAttachmentsApi(transport),
  };
}

export type NovaClient = ReturnType<typeof createNovaClient>;
