import type { Volume } from "@zenith/api-client/cinder";

/**
 * Statuses in which a volume is on its way somewhere: the portal shows
 * progress and keeps polling while any row is in one of them.
 */
export const TRANSITIONAL_STATUSES = new Set([
  "creating",
  "downloading",
  "uploading",
  "attaching",
  "detaching",
  "reserved",
  "extending",
  "deleting",
  "backing-up",
  "restoring-backup",
  "retyping",
  "maintenance",
  "awaiting-transfer",
]);

/** Terminal statuses in which the volume is still there and nothing happens to it. */
export function isTransitional(status: string): boolean {
  return TRANSITIONAL_STATUSES.has(status) && status !== "awaiting-transfer";
}

export interface VolumeAttachmentRow {
  serverId: string;
  serverName: string | null;
  device: string | null;
  attachmentId: string | null;
  attachedAt: string | null;
}

export interface VolumeRow {
  id: string;
  /** Cinder allows unnamed volumes; the portal shows the id then. */
  name: string;
  description: string;
  status: string;
  transitional: boolean;
  size: number;
  volumeType: string | null;
  availabilityZone: string | null;
  bootable: boolean;
  readonly: boolean;
  encrypted: boolean;
  multiattach: boolean;
  attachments: VolumeAttachmentRow[];
  source: {
    kind: "empty" | "image" | "snapshot" | "volume" | "backup";
    id: string | null;
    name: string | null;
  };
  projectId: string;
  projectName: string | null;
  /** Admin only: the volume host (`host@backend#pool`). */
  host: string | null;
  createdAt: string;
  updatedAt: string | null;
}

function sourceOf(v: Volume): VolumeRow["source"] {
  const image = v.volume_image_metadata;
  if (v.snapshot_id) return { kind: "snapshot", id: v.snapshot_id, name: null };
  if (v.source_volid) return { kind: "volume", id: v.source_volid, name: null };
  if (v.backup_id) return { kind: "backup", id: v.backup_id, name: null };
  if (image?.image_id) return { kind: "image", id: image.image_id, name: image.image_name ?? null };
  return { kind: "empty", id: null, name: null };
}

/** Cinder keeps the read-only flag in the volume's metadata as "True"/"False". */
function readonlyOf(v: Volume): boolean {
  return (v.metadata.readonly ?? v.metadata.attached_mode ?? "").toLowerCase() === "true";
}

/** One volume as the portal shows it; `serverNames` labels attachments without a call per row. */
export function toVolumeRow(v: Volume, serverNames: ReadonlyMap<string, string>): VolumeRow {
  return {
    id: v.id,
    name: v.name ?? "",
    description: v.description ?? "",
    status: v.status,
    transitional: isTransitional(v.status),
    size: v.size,
    volumeType: v.volume_type ?? null,
    availabilityZone: v.availability_zone ?? null,
    bootable: v.bootable,
    readonly: readonlyOf(v),
    encrypted: v.encrypted ?? false,
    multiattach: v.multiattach ?? false,
    attachments: v.attachments.flatMap((a) =>
      a.server_id
        ? [
            {
              serverId: a.server_id,
              serverName: serverNames.get(a.server_id) ?? null,
              device: a.device ?? null,
              attachmentId: a.attachment_id ?? null,
              attachedAt: a.attached_at ?? null,
            },
          ]
        : [],
    ),
    source: sourceOf(v),
    projectId: v["os-vol-tenant-attr:tenant_id"] ?? "",
    projectName: null,
    host: v["os-vol-host-attr:host"] ?? null,
    createdAt: v.created_at,
    updatedAt: v.updated_at ?? null,
  };
}

/** What makes a volume "changed" for a live view. */
export function volumeFingerprint(v: Volume): string {
  return [
    v.updated_at ?? "",
    v.status,
    v.size,
    v.name ?? "",
    v.bootable,
    v.attachments.map((a) => a.server_id ?? "").join(","),
  ].join("|");
}
