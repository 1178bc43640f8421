import { attachmentsApi } from "./attachments.ts";
import { backupsApi } from "./backups.ts";
import { quotasApi } from "./quotas.ts";
import { servicesApi } from "./services.ts";
import { snapshotsApi } from "./snapshots.ts";
import { transfersApi } from "./transfers.ts";
import { type CinderClientOptions, createCinderTransport } from "./transport.ts";
import { typesApi } from "./types.ts";
import { volumesApi } from "./volumes.ts";

/**
 * Typed Cinder v3 client. Every call carries the negotiated microversion
 * (min(3.60, the cloud's maximum), discovered once per process per
 * endpoint) and responses are validated with zod.
 */
export function createCinderClient(options: CinderClientOptions) {
  const transport = createCinderTransport(options);
  return {
    transport,
    microversion: transport.microversion,
    volumes: volumesApi(transport),
    snapshots: snapshotsApi(transport),
    attachments: attachmentsApi(transport),
    backups: backupsApi(transport),
    transfers: transfersApi(transport),
    types: typesApi(transport),
    quotas: quotasApi(transport),
    services: servicesApi(transport),
  };
}

export type CinderClient = ReturnType<typeof createCinderClient>;
