import type { Logger } from "@zenith/core/logger";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { AgentCredentials } from "../compute/agent-hub/credentials.ts";
import { ImageStore } from "../image/store.ts";
import { AttachmentService } from "./attachments.ts";
import { listVolumeZones, type VolumeZone } from "./availability-zones.ts";
import { BackupService } from "./backups.ts";
import { BootVolumes } from "./boot-volumes.ts";
import { VolumeHub } from "./hub/hub.ts";
import { VolumeQuotaService } from "./quotas.ts";
import { SnapshotService } from "./snapshots.ts";
import { TransferService } from "./transfers.ts";
import { VolumeUploads } from "./uploads.ts";
import { VolumeTypeService } from "./volume-types.ts";
import type { InstanceVolumePublisher } from "./volumes/publisher.ts";
import { VolumeService } from "./volumes/service.ts";

/**
 * Every block-storage service, wired once per control-plane instance in
 * server.ts: the Cinder API's services, the volume agents' hub, and the
 * attachments compute shares with it.
 */
export interface VolumeServices {
  types: VolumeTypeService;
  quotas: VolumeQuotaService;
  zones: { list(): Promise<VolumeZone[]> };
  volumes: VolumeService;
  snapshots: SnapshotService;
  attachments: AttachmentService;
  hub: VolumeHub;
  backups: BackupService;
  transfers: TransferService;
  /** os-volume_upload_image. */
  uploads: VolumeUploads;
  /** Boot from volume and volumes at build. */
  boot: BootVolumes;
  /** Volume hosts, by name (os-services, pools). */
  hosts(): Promise<Array<Prisma.VolumeHostGetPayload<object>>>;
  /** A server is gone: its volumes are detached, and those marked delete_on_termination deleted. */
  serverDeleted(instanceId: string): Promise<void>;
}

export function createVolumeServices(deps: {
  prisma: PrismaClient;
  logger: Logger;
  credentials: AgentCredentials;
  /** The compute side: bumps the instance's desired state when its volumes' connections change. */
  instances: InstanceVolumePublisher;
  /** Where backups are kept (`<data>/backups`). */
  backupDir: string;
}): VolumeServices {
  const { prisma } = deps;
  const logger = deps.logger.child({ component: "volume" });
  const hub = new VolumeHub({ prisma, logger, credentials: deps.credentials, instances: deps.instances });
  const quotas = new VolumeQuotaService(prisma);
  const types = new VolumeTypeService(prisma);
  const attachments = new AttachmentService({ prisma, publisher: hub, instances: deps.instances });
  const volumes = new VolumeService({ prisma, quotas, types, publisher: hub, attachments });
  return {
    types,
    quotas,
    zones: { list: () => listVolumeZones(prisma) },
    volumes,
    boot: new BootVolumes({ prisma, volumes, publisher: hub }),
    uploads: new VolumeUploads({ prisma, publisher: hub }),
    transfers: new TransferService({ prisma, quotas }),
    backups: new BackupService({
      prisma,
      quotas,
      publisher: hub,
      volumes,
      store: new ImageStore(deps.backupDir),
      logger,
    }),
    snapshots: new SnapshotService({ prisma, quotas, publisher: hub }),
    attachments,
    hub,
    hosts: () => prisma.volumeHost.findMany({ orderBy: { host: "asc" } }),
    async serverDeleted(instanceId) {
      for (const volumeId of await attachments.serverDeleted(instanceId)) {
        const owner = await prisma.volume.findUnique({
          where: { id: volumeId },
          select: { projectId: true },
        });
        if (!owner) continue;
        // Nova deletes these on the user's behalf; the project's own rules would allow it too.
        await volumes
          .delete({ projectId: owner.projectId, isAdmin: true }, volumeId)
          .catch((err: unknown) => {
            logger.warn({ err, volumeId, instanceId }, "delete_on_termination volume could not be deleted");
          });
      }
    },
  };
}
