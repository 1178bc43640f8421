import type { FastifyInstance } from "fastify";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { MeteringServices } from "../../services/metering/registry.ts";
import type { NetworkHubServices } from "../../services/network/hub/registry.ts";
import type { VolumeServices } from "../../services/volume/registry.ts";
import type { UpgradeRouter } from "../upgrade-router.ts";
import { registerAgentBackupRoutes } from "./backups.ts";
import { registerEnrolmentRoutes } from "./enrolment.ts";
import { registerAgentImageRoutes } from "./images.ts";
import { registerAgentMetadataRoutes } from "./metadata.ts";
import { registerAgentMeteringRoutes } from "./metering.ts";
import { attachAgentWebSocket } from "./websocket.ts";

/** Everything agents talk to: enrolment, the protocol and console WebSockets, the image file endpoints, metadata, metering samples. */
export function registerAgentRoutes(
  app: FastifyInstance,
  router: UpgradeRouter,
  servers: ServerServices,
  identity: IdentityServices,
  network: NetworkHubServices,
  volume: VolumeServices,
  metering: MeteringServices,
): void {
  attachAgentWebSocket(app, router, {
    hub: servers.hub,
    networkHub: network.hub,
    volumeHub: volume.hub,
    consoles: servers.consoles.proxy,
    credentials: servers.agentCredentials,
  });
  registerEnrolmentRoutes(app, {
    identity,
    credentials: servers.agentCredentials,
    hubs: [servers.hub, network.hub, volume.hub],
  });
  registerAgentImageRoutes(app, servers);
  registerAgentBackupRoutes(app, { credentials: servers.agentCredentials, backups: volume.backups });
  registerAgentMetadataRoutes(app, { prisma: servers.prisma, credentials: servers.agentCredentials });
  registerAgentMeteringRoutes(app, { credentials: servers.agentCredentials, ingest: metering.ingest });
}
