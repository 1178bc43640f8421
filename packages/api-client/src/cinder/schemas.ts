import { z } from "zod";

/**
 * Cinder v3 response shapes as upstream documents them (api-ref samples).
 * Objects strip unknown keys (each microversion adds some); fields that only
 * some microversions, roles or backends send are optional or nullish, so
 * the same schemas read Zenith and a real OpenStack.
 */

export const ZLink = z.object({ href: z.string(), rel: z.string() });
export const ZLinks = z.array(ZLink);
const ZStringMap = z.record(z.string(), z.string());

/** `marker` of a `next` link (`…?limit=20&marker=<id>`). */
export function markerOfNext(links: z.infer<typeof ZLinks> | undefined): string | undefined {
  const href = links?.find((l) => l.rel === "next")?.href;
  if (!href) return undefined;
  try {
    return new URL(href, "http://placeholder").searchParams.get("marker") ?? undefined;
  } catch {
    return undefined;
  }
}

/** Cinder writes booleans of volumes as strings ("true"/"false"); some clouds send real booleans. */
const ZLooseBool = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true");

/** One entry of a volume's `attachments` (legacy attach and the attachment API alike). */
export const ZVolumeAttachmentRef = z.object({
  id: z.string().optional(),
  attachment_id: z.string().nullish(),
  server_id: z.string().nullish(),
  volume_id: z.string().optional(),
  host_name: z.string().nullish(),
  device: z.string().nullish(),
  attached_at: z.string().nullish(),
});
export type VolumeAttachmentRef = z.infer<typeof ZVolumeAttachmentRef>;

export const ZVolume = z.object({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  availability_zone: z.string().nullish(),
  bootable: ZLooseBool.default(false),
  encrypted: z.boolean().optional(),
  multiattach: z.boolean().optional(),
  volume_type: z.string().nullish(),
  /** 3.63+. */
  volume_type_id: z.string().nullish(),
  snapshot_id: z.string().nullish(),
  source_volid: z.string().nullish(),
  backup_id: z.string().nullish(),
  attachments: z.array(ZVolumeAttachmentRef).default([]),
  metadata: ZStringMap.default({}),
  /** Present when the volume was made from an image (Glance properties copied onto it). */
  volume_image_metadata: ZStringMap.optional(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  user_id: z.string().nullish(),
  migration_status: z.string().nullish(),
  replication_status: z.string().nullish(),
  /** Admin only. */
  "os-vol-host-attr:host": z.string().nullish(),
  "os-vol-tenant-attr:tenant_id": z.string().optional(),
  links: ZLinks.optional(),
});
export type Volume = z.infer<typeof ZVolume>;
export const ZVolumeResponse = z.object({ volume: ZVolume });
export const ZVolumesResponse = z.object({ volumes: z.array(ZVolume), volumes_links: ZLinks.optional() });

export const ZSnapshot = z.object({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  volume_id: z.string(),
  metadata: ZStringMap.default({}),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  "os-extended-snapshot-attributes:progress": z.string().nullish(),
  "os-extended-snapshot-attributes:project_id": z.string().optional(),
  /** 3.41+. */
  user_id: z.string().nullish(),
});
export type Snapshot = z.infer<typeof ZSnapshot>;
export const ZSnapshotResponse = z.object({ snapshot: ZSnapshot });
export const ZSnapshotsResponse = z.object({
  snapshots: z.array(ZSnapshot),
  snapshots_links: ZLinks.optional(),
});

/** The attachment API (3.27+). `connection_info` is left opaque: it holds export secrets for hosts. */
export const ZAttachment = z.object({
  id: z.string(),
  status: z.string(),
  volume_id: z.string(),
  instance: z.string().nullish(),
  attach_mode: z.string().nullish(),
  attached_at: z.string().nullish(),
  detached_at: z.string().nullish(),
});
export type Attachment = z.infer<typeof ZAttachment>;
export const ZAttachmentResponse = z.object({ attachment: ZAttachment });
export const ZAttachmentsResponse = z.object({
  attachments: z.array(ZAttachment),
  attachments_links: ZLinks.optional(),
});

export const ZBackup = z.object({
  id: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string(),
  size: z.number().nullish(),
  volume_id: z.string(),
  snapshot_id: z.string().nullish(),
  availability_zone: z.string().nullish(),
  container: z.string().nullish(),
  fail_reason: z.string().nullish(),
  is_incremental: z.boolean().optional(),
  has_dependent_backups: z.boolean().optional(),
  object_count: z.number().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  data_timestamp: z.string().nullish(),
  metadata: ZStringMap.optional(),
  "os-backup-project-attr:project_id": z.string().optional(),
});
export type Backup = z.infer<typeof ZBackup>;
export const ZBackupResponse = z.object({ backup: ZBackup });
export const ZBackupsResponse = z.object({ backups: z.array(ZBackup), backups_links: ZLinks.optional() });
/** `POST /backups` answers with id, name and links only. */
export const ZBackupCreateResponse = z.object({
  backup: z.object({ id: z.string(), name: z.string().nullish() }),
});
export const ZRestoreResponse = z.object({
  restore: z.object({ backup_id: z.string(), volume_id: z.string(), volume_name: z.string().nullish() }),
});
export type Restore = z.infer<typeof ZRestoreResponse>["restore"];

/** A transfer; `auth_key` is only in the create response, once. */
export const ZTransfer = z.object({
  id: z.string(),
  name: z.string().nullish(),
  volume_id: z.string(),
  created_at: z.string().nullish(),
  auth_key: z.string().optional(),
  /** 3.57+. */
  source_project_id: z.string().nullish(),
  destination_project_id: z.string().nullish(),
  accepted: z.boolean().optional(),
});
export type Transfer = z.infer<typeof ZTransfer>;
export const ZTransferResponse = z.object({ transfer: ZTransfer });
export const ZTransfersResponse = z.object({ transfers: z.array(ZTransfer) });

export const ZVolumeType = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  is_public: z.boolean().optional(),
  "os-volume-type-access:is_public": z.boolean().optional(),
  extra_specs: ZStringMap.nullish(),
  qos_specs_id: z.string().nullish(),
});
export type VolumeType = z.infer<typeof ZVolumeType>;
export const ZVolumeTypeResponse = z.object({ volume_type: ZVolumeType });
export const ZVolumeTypesResponse = z.object({ volume_types: z.array(ZVolumeType) });
export const ZExtraSpecsResponse = z.object({ extra_specs: ZStringMap });
export const ZTypeAccessResponse = z.object({
  volume_type_access: z.array(z.object({ volume_type_id: z.string(), project_id: z.string() })),
});

/** A quota value: a number, or `{limit,in_use,reserved}` with `?usage=true`. */
const ZQuotaUsage = z.object({
  limit: z.number(),
  in_use: z.number().default(0),
  reserved: z.number().default(0),
  allocated: z.number().optional(),
});
export type VolumeQuotaUsage = z.infer<typeof ZQuotaUsage>;
/** Per-type keys (`volumes_<type>`, `gigabytes_<type>`) come along; `id` is a string. */
export const ZVolumeQuotaSetResponse = z.object({
  quota_set: z.record(z.string(), z.union([z.number(), z.string()])),
});
export const ZVolumeQuotaUsageResponse = z.object({
  quota_set: z.record(z.string(), z.union([ZQuotaUsage, z.string()])),
});

export const ZVolumeLimitsResponse = z.object({
  limits: z.object({ absolute: z.record(z.string(), z.number()), rate: z.array(z.unknown()).optional() }),
});

export const ZAvailabilityZonesResponse = z.object({
  availabilityZoneInfo: z.array(
    z.object({ zoneName: z.string(), zoneState: z.object({ available: z.boolean() }) }),
  ),
});
export type VolumeAvailabilityZone = z.infer<
  typeof ZAvailabilityZonesResponse
>["availabilityZoneInfo"][number];

export const ZVolumeService = z.object({
  binary: z.string(),
  host: z.string(),
  zone: z.string().nullish(),
  status: z.string(),
  state: z.string(),
  updated_at: z.string().nullish(),
  disabled_reason: z.string().nullish(),
  frozen: z.boolean().optional(),
  cluster: z.string().nullish(),
  replication_status: z.string().nullish(),
});
export type VolumeService = z.infer<typeof ZVolumeService>;
export const ZVolumeServicesResponse = z.object({ services: z.array(ZVolumeService) });

/** Capacities may be numbers or "infinite"/"unknown", as upstream drivers report them. */
const ZCapacity = z.union([z.number(), z.string()]).nullish();
export const ZPool = z.object({
  name: z.string(),
  capabilities: z
    .object({
      total_capacity_gb: ZCapacity,
      free_capacity_gb: ZCapacity,
      allocated_capacity_gb: ZCapacity,
      provisioned_capacity_gb: ZCapacity,
      reserved_percentage: z.number().nullish(),
      volume_backend_name: z.string().nullish(),
      storage_protocol: z.string().nullish(),
      driver_version: z.string().nullish(),
      updated: z.string().nullish(),
    })
    .optional(),
});
export type Pool = z.infer<typeof ZPool>;
export const ZPoolsResponse = z.object({ pools: z.array(ZPool) });

export const ZUploadImageResponse = z.object({
  "os-volume_upload_image": z.object({
    id: z.string(),
    image_id: z.string(),
    image_name: z.string().nullish(),
    status: z.string().optional(),
    disk_format: z.string().optional(),
    container_format: z.string().optional(),
  }),
});
export type UploadImageResult = z.infer<typeof ZUploadImageResponse>["os-volume_upload_image"];
