/**
 * Cinder's volume statuses (cinder/objects/fields.py VolumeStatus) and the
 * rules that read them. The volume agent moves the transitional ones
 * (`creating`, `extending`, `deleting`, `uploading`, `backing-up`, …) to a
 * settled one by reporting; the API refuses what Cinder refuses in each.
 */
export const VolumeStatus = {
  CREATING: "creating",
  DOWNLOADING: "downloading",
  AVAILABLE: "available",
  RESERVED: "reserved",
  ATTACHING: "attaching",
  IN_USE: "in-use",
  DETACHING: "detaching",
  DELETING: "deleting",
  EXTENDING: "extending",
  UPLOADING: "uploading",
  BACKING_UP: "backing-up",
  RESTORING_BACKUP: "restoring-backup",
  AWAITING_TRANSFER: "awaiting-transfer",
  MAINTENANCE: "maintenance",
  ERROR: "error",
  ERROR_DELETING: "error_deleting",
  ERROR_EXTENDING: "error_extending",
  ERROR_RESTORING: "error_restoring",
} as const;
export type VolumeStatus = (typeof VolumeStatus)[keyof typeof VolumeStatus];

/** Every status an admin may set with os-reset_status (Cinder validates against the enum). */
export const RESETTABLE_STATUSES: readonly string[] = Object.values(VolumeStatus);

/** Where a plain delete is allowed (cinder/volume/api.py `delete`: expected statuses). */
export const DELETABLE: readonly string[] = [
  VolumeStatus.AVAILABLE,
  VolumeStatus.ERROR,
  VolumeStatus.ERROR_RESTORING,
  VolumeStatus.ERROR_EXTENDING,
  VolumeStatus.ERROR_DELETING,
];

export const SnapshotStatus = {
  CREATING: "creating",
  AVAILABLE: "available",
  DELETING: "deleting",
  ERROR: "error",
  ERROR_DELETING: "error_deleting",
} as const;

export const AttachmentStatus = {
  RESERVED: "reserved",
  ATTACHING: "attaching",
  ATTACHED: "attached",
  DETACHING: "detaching",
  ERROR_ATTACHING: "error_attaching",
  ERROR_DETACHING: "error_detaching",
} as const;

/** Statuses in which the volume's data exists on its host (exports, snapshots, copies may read it). */
export const HAS_DATA: readonly string[] = [
  VolumeStatus.AVAILABLE,
  VolumeStatus.RESERVED,
  VolumeStatus.ATTACHING,
  VolumeStatus.IN_USE,
  VolumeStatus.DETACHING,
  VolumeStatus.EXTENDING,
  VolumeStatus.UPLOADING,
  VolumeStatus.BACKING_UP,
  VolumeStatus.AWAITING_TRANSFER,
  VolumeStatus.MAINTENANCE,
  VolumeStatus.ERROR_EXTENDING,
];
