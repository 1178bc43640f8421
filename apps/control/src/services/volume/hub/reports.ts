import type { VolumeApplied } from "@zenith/agent-protocol/volume";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { finishBackup } from "../backups.ts";
import { finishUpload } from "../uploads.ts";
import { finishVolumeDelete } from "../volumes/lifecycle.ts";
import { AttachmentStatus, SnapshotStatus, VolumeStatus } from "../volumes/states.ts";

const GiB = 1024 ** 3;

/** What applying one report changed that others must hear about. */
export interface ReportOutcome {
  /** Instances whose attached volumes' connections changed (their compute agents need them). */
  instances: string[];
  /** Something the volume desired state depends on changed (e.g. a volume became available: its exports can go out). */
  republish: boolean;
}

/** The status a volume settles in once its disk is ready: taken by its attachments, or free. */
function settledStatus(attachments: Array<{ status: string }>): string {
  if (attachments.some((a) => a.status === AttachmentStatus.ATTACHED)) return VolumeStatus.IN_USE;
  if (attachments.some((a) => a.status === AttachmentStatus.ATTACHING)) return VolumeStatus.ATTACHING;
  return VolumeStatus.AVAILABLE;
}

/**
 * Moves volumes, snapshots and attachments of one host from its agent's
 * report. A task is done when the agent applied the volume's generation and
 * what it reports matches; a failure at the current generation ends it in
 * the error status Cinder uses for it. Every write is conditional on the
 * status read, so a concurrent API change wins over a stale report.
 */
export async function applyVolumeReport(
  prisma: PrismaClient,
  logger: Logger,
  host: string,
  applied: VolumeApplied,
): Promise<ReportOutcome> {
  const outcome: ReportOutcome = { instances: [], republish: false };
  const rows = await prisma.volume.findMany({
    where: { host, deletedAt: null },
    select: {
      id: true,
      status: true,
      generation: true,
      sizeGb: true,
      snapshots: { where: { deletedAt: null }, select: { id: true, status: true } },
      attachments: {
        select: { id: true, status: true, instanceId: true, connectionInfo: true, exportSecret: true },
      },
    },
  });
  const reported = new Map(applied.volumes.map((v) => [v.id, v]));
  const failed = new Map(applied.errors.map((e) => [`${e.kind}:${e.id}`, e]));
  const now = new Date();
  for (const vol of rows) {
    const r = reported.get(vol.id);
    const current = r !== undefined && r.generation >= vol.generation;
    const error = failed.get(`volume:${vol.id}`);
    const failedNow = error !== undefined && error.generation >= vol.generation;
    const move = async (status: string, extra: Record<string, unknown> = {}) => {
      const { count } = await prisma.volume.updateMany({
        where: { id: vol.id, status: vol.status, generation: vol.generation, deletedAt: null },
        data: { status, ...extra },
      });
      if (count > 0) {
        logger.info({ volumeId: vol.id, from: vol.status, to: status }, "volume status converged");
        outcome.republish = true;
      }
    };
    if (vol.status === VolumeStatus.CREATING) {
      if (current) await move(settledStatus(vol.attachments), { launchedAt: now, fault: null });
      else if (failedNow)
        await move(VolumeStatus.ERROR, { fault: { message: error.message, created: now.toISOString() } });
    } else if (vol.status === VolumeStatus.EXTENDING) {
      if (current && r.sizeBytes >= vol.sizeGb * GiB) {
        await move(settledStatus(vol.attachments));
        // Attached: the guests' disks grow now (their compute agents get the new size).
        for (const a of vol.attachments) if (a.instanceId) outcome.instances.push(a.instanceId);
      } else if (failedNow)
        await move(VolumeStatus.ERROR_EXTENDING, {
          fault: { message: error.message, created: now.toISOString() },
        });
    } else if (vol.status === VolumeStatus.DELETING) {
      const deleteError = failed.get(`delete:${vol.id}`);
      if (r === undefined && !deleteError) {
        if (await finishVolumeDelete(prisma, vol.id)) logger.info({ volumeId: vol.id }, "volume deleted");
      } else if (deleteError && deleteError.generation >= vol.generation) {
        await move(VolumeStatus.ERROR_DELETING, {
          fault: { message: deleteError.message, created: now.toISOString() },
        });
      }
    }
    await applySnapshots(prisma, logger, vol, r?.snapshots, failed);
  }
  outcome.instances.push(...(await applyExports(prisma, applied.exports, rows)));
  for (const u of applied.uploads) {
    if (await finishUpload(prisma, u.imageId, u.ok)) {
      logger.info({ imageId: u.imageId, ok: u.ok, reason: u.message }, "volume upload to image finished");
      outcome.republish = true;
    }
  }
  for (const b of applied.backups) {
    if (await finishBackup(prisma, b)) {
      logger.info({ backupId: b.backupId, ok: b.ok, reason: b.message }, "volume backup finished");
      outcome.republish = true;
    }
  }
  return outcome;
}

async function applySnapshots(
  prisma: PrismaClient,
  logger: Logger,
  vol: { id: string; snapshots: Array<{ id: string; status: string }> },
  present: readonly string[] | undefined,
  failed: Map<string, { message: string }>,
): Promise<void> {
  const have = new Set(present ?? []);
  for (const s of vol.snapshots) {
    let data: { status: string; progress?: string; deletedAt?: Date } | null = null;
    if (s.status === SnapshotStatus.CREATING && have.has(s.id))
      data = { status: SnapshotStatus.AVAILABLE, progress: "100%" };
    else if (s.status === SnapshotStatus.CREATING && failed.has(`snapshot:${s.id}`))
      data = { status: SnapshotStatus.ERROR };
    else if (s.status === SnapshotStatus.DELETING && present !== undefined && !have.has(s.id)) {
      data = { status: "deleted", deletedAt: new Date() };
    } else if (s.status === SnapshotStatus.DELETING && failed.has(`delete:${s.id}`)) {
      data = { status: SnapshotStatus.ERROR_DELETING };
    }
    if (data === null) continue;
    const { count } = await prisma.volumeSnapshot.updateMany({ where: { id: s.id, status: s.status }, data });
    if (count > 0)
      logger.info({ snapshotId: s.id, volumeId: vol.id, to: data.status }, "snapshot status converged");
  }
}

/**
 * Records each export's connection on its attachment (the secret in its
 * own column, never in `connection_info`, which callers see) and returns
 * the instances whose connection changed.
 */
async function applyExports(
  prisma: PrismaClient,
  exports: VolumeApplied["exports"],
  rows: Array<{
    attachments: Array<{
      id: string;
      instanceId: string | null;
      connectionInfo: unknown;
      exportSecret: string | null;
    }>;
  }>,
): Promise<string[]> {
  const attachments = new Map(rows.flatMap((v) => v.attachments.map((a) => [a.id, a] as const)));
  const changed: string[] = [];
  for (const e of exports) {
    const a = attachments.get(e.attachmentId);
    if (!a) continue;
    const info = {
      driver_volume_type: "nbd",
      data: { host: e.host, port: e.port, export_name: e.exportName, tls_username: e.tlsUsername },
    };
    if (JSON.stringify(a.connectionInfo) === JSON.stringify(info) && a.exportSecret === e.secret) continue;
    await prisma.volumeAttachment.update({
      where: { id: a.id },
      data: { connectionInfo: info, exportSecret: e.secret, exportPort: e.port, exportName: e.exportName },
    });
    if (a.instanceId) changed.push(a.instanceId);
  }
  return changed;
}
