import type { FastifyInstance } from "fastify";
import { registerAttachmentRoutes } from "./attachments.ts";
import { registerVolumeZoneRoutes } from "./availability-zones.ts";
import { registerBackupRoutes } from "./backups.ts";
import { registerVolumeExtensionRoutes } from "./extensions.ts";
import { registerVolumeLimitRoutes } from "./limits.ts";
import { registerVolumeQuotaRoutes } from "./quota-sets.ts";
import type { VolumeRouteEnv } from "./route-env.ts";
import { registerVolumeServiceRoutes } from "./services.ts";
import { registerSnapshotRoutes } from "./snapshots.ts";
import { registerTransferRoutes } from "./transfers.ts";
import { registerVolumeTypeAccessRoutes } from "./type-access.ts";
import { registerVolumeTypeExtraSpecRoutes } from "./type-extra-specs.ts";
import { registerVolumeVersionRoutes } from "./versions.ts";
import { registerVolumeActionRoutes } from "./volume-actions.ts";
import { registerVolumeMetadataRoutes } from "./volume-metadata.ts";
import { registerVolumeTypeRoutes } from "./volume-types.ts";
import { registerVolumeCrudRoutes } from "./volumes.ts";

/**
 * Every route under /volume: Cinder v3 at `/volume/v3/{project_id}/…`
 * (the catalog's URL), discovery at `/volume` and `/volume/v3`. Volumes,
 * snapshots, attachments and backups register here as they are built.
 */
export function registerVolumeRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  registerVolumeVersionRoutes(app, env);
  registerVolumeTypeRoutes(app, env);
  registerVolumeTypeExtraSpecRoutes(app, env);
  registerVolumeTypeAccessRoutes(app, env);
  registerVolumeZoneRoutes(app, env);
  registerVolumeQuotaRoutes(app, env);
  registerVolumeLimitRoutes(app, env);
  registerVolumeExtensionRoutes(app, env);
  registerVolumeCrudRoutes(app, env);
  registerVolumeActionRoutes(app, env);
  registerVolumeMetadataRoutes(app, env);
  registerSnapshotRoutes(app, env);
  registerAttachmentRoutes(app, env);
  registerVolumeServiceRoutes(app, env);
  registerBackupRoutes(app, env);
  registerTransferRoutes(app, env);
}
