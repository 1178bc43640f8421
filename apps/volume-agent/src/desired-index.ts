/** The last desired message, indexed by id for the reconciler's passes. */
import type {
  DesiredBackup,
  DesiredExport,
  DesiredUpload,
  DesiredVolume,
  VolumeDesired,
} from "@zenith/agent-protocol/volume";

export class DesiredIndex {
  readonly volumes = new Map<string, DesiredVolume>();
  readonly exports = new Map<string, DesiredExport>();
  readonly uploads = new Map<string, DesiredUpload>();
  readonly backups = new Map<string, DesiredBackup>();
  readonly deletedVolumes: ReadonlySet<string>;
  /** Tombstoned snapshots by their volume. */
  readonly deletedSnapshots = new Map<string, Set<string>>();
  /** Every snapshot id some desired volume lists. */
  readonly snapshots = new Set<string>();

  constructor(msg?: VolumeDesired) {
    for (const v of msg?.volumes ?? []) {
      this.volumes.set(v.id, v);
      for (const s of v.snapshots) this.snapshots.add(s);
    }
    for (const e of msg?.exports ?? []) this.exports.set(e.attachmentId, e);
    for (const u of msg?.uploads ?? []) this.uploads.set(u.imageId, u);
    for (const b of msg?.backups ?? []) this.backups.set(b.backupId, b);
    this.deletedVolumes = new Set(msg?.deleted.volumes ?? []);
    for (const { volumeId, snapshotId } of msg?.deleted.snapshots ?? []) {
      const set = this.deletedSnapshots.get(volumeId) ?? new Set<string>();
      set.add(snapshotId);
      this.deletedSnapshots.set(volumeId, set);
    }
  }

  /** Volumes that need a pass: desired, tombstoned, or holding tombstoned snapshots. */
  volumeIds(): Set<string> {
    return new Set([...this.volumes.keys(), ...this.deletedVolumes, ...this.deletedSnapshots.keys()]);
  }

  /** Whether `snapshotId` is tombstoned anywhere. */
  snapshotDeleted(snapshotId: string): boolean {
    for (const set of this.deletedSnapshots.values()) if (set.has(snapshotId)) return true;
    return false;
  }

  /** Desired volumes whose source reads `volumeId` (they wait for it). */
  dependentsOf(volumeId: string): DesiredVolume[] {
    return [...this.volumes.values()].filter(
      (v) => (v.source.kind === "volume" || v.source.kind === "snapshot") && v.source.volumeId === volumeId,
    );
  }
}
