import type { AttachmentRow } from "../../services/volume/attachments.ts";
import type { SnapshotRow } from "../../services/volume/snapshots.ts";
import type { VolumeRow } from "../../services/volume/volumes/lookup.ts";
import { atLeast, type Microversion } from "./microversion.ts";

/** Cinder's timestamps: ISO 8601 without the zone, microseconds (`2018-11-29T06:50:07.770785`). */
export function cinderTime(d: Date | null): string | null {
  return d === null ? null : d.toISOString().replace("Z", "000");
}

export function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
}

export interface RenderVolumeOptions {
  mv: Microversion;
  isAdmin: boolean;
  baseUrl: string;
  typeName: string;
  /**
   * `create` for the answers to create and update: Cinder adds the extension
   * attributes (`os-vol-tenant-attr`, `os-vol-host-attr`, `os-vol-mig-status-attr`)
   * to show and list-detail only, and tempest's create/update schemas refuse them.
   */
  view?: "create" | "show";
  /** Server names (by id) for attachments' `attached_host`/`server_id` rendering: not needed, kept for later. */
}

/** One attachment as a volume's `attachments` list shows it (volume-show-response.json). */
function renderVolumeAttachment(v: VolumeRow, a: VolumeRow["attachments"][number]) {
  return {
    id: v.id,
    attachment_id: a.id,
    volume_id: v.id,
    server_id: a.instanceId,
    host_name: a.attachedHost,
    device: a.mountpoint,
    attached_at: cinderTime(a.attachTime),
  };
}

/** A volume as Cinder shows it at the request's microversion (volumes/v3.48/volume-show-response.json). */
export function renderVolume(v: VolumeRow, o: RenderVolumeOptions) {
  const self = `${o.baseUrl}/volume/v3/${v.projectId}/volumes/${v.id}`;
  const body: Record<string, unknown> = {
    id: v.id,
    name: v.name,
    description: v.description,
    size: v.sizeGb,
    status: v.status,
    availability_zone: v.availabilityZone,
    bootable: v.bootable ? "true" : "false",
    encrypted: v.encrypted,
    multiattach: v.multiattach,
    // Cinder shows the read-only flag (admin metadata) among the metadata, as clients read it.
    metadata: { ...stringMap(v.metadata), readonly: v.readonly ? "True" : "False" },
    attachments: v.attachments
      .filter((a) => a.status === "attached" || a.status === "attaching" || a.status === "detaching")
      .map((a) => renderVolumeAttachment(v, a)),
    snapshot_id: v.snapshotId,
    source_volid: v.sourceVolumeId,
    consistencygroup_id: null,
    replication_status: null,
    migration_status: v.migrationStatus,
    user_id: v.userId,
    volume_type: o.typeName,
    created_at: cinderTime(v.createdAt),
    updated_at: cinderTime(v.updatedAt),
    links: [
      { rel: "self", href: self },
      { rel: "bookmark", href: self.replace("/v3/", "/") },
    ],
  };
  const extended = o.view !== "create";
  if (extended) body["os-vol-tenant-attr:tenant_id"] = v.projectId;
  // Cinder shows the key only when there is image metadata (an unset of the last key removes it).
  // Like the other extension attributes, not in create/update answers.
  const imageMetadata = stringMap(v.imageMetadata);
  if (extended && Object.keys(imageMetadata).length > 0) body.volume_image_metadata = imageMetadata;
  if (extended && o.isAdmin) {
    body["os-vol-host-attr:host"] = v.host === null ? null : `${v.host}@file#file`;
    body["os-vol-mig-status-attr:migstat"] = v.migrationStatus;
    body["os-vol-mig-status-attr:name_id"] = null;
  }
  if (atLeast(o.mv, 3, 13)) body.group_id = null;
  if (atLeast(o.mv, 3, 21)) body.provider_id = null;
  if (atLeast(o.mv, 3, 48)) {
    body.service_uuid = null;
    body.shared_targets = false;
  }
  if (atLeast(o.mv, 3, 61)) body.cluster_name = null;
  return body;
}

/** The summary list (`GET /volumes`): id, name, links. */
export function renderVolumeSummary(v: VolumeRow, baseUrl: string) {
  const self = `${baseUrl}/volume/v3/${v.projectId}/volumes/${v.id}`;
  return {
    id: v.id,
    name: v.name,
    links: [
      { rel: "self", href: self },
      { rel: "bookmark", href: self.replace("/v3/", "/") },
    ],
  };
}

/**
 * A snapshot (snapshots/v3.14/snapshot-create-response.json). The
 * `os-extended-snapshot-attributes` keys are shown by show and list-detail
 * only (`view: "show"`), as Cinder's extension adds them; create, update
 * and the summary list omit them (tempest's schemas refuse them there).
 */
export function renderSnapshot(
  s: SnapshotRow,
  o: { mv: Microversion; isAdmin: boolean; view?: "create" | "show" },
) {
  const body: Record<string, unknown> = {
    id: s.id,
    name: s.name,
    description: s.description,
    volume_id: s.volumeId,
    size: s.sizeGb,
    status: s.status,
    metadata: stringMap(s.metadata),
    created_at: cinderTime(s.createdAt),
    updated_at: cinderTime(s.updatedAt),
  };
  if (o.view !== "create") {
    body["os-extended-snapshot-attributes:progress"] = s.progress;
    body["os-extended-snapshot-attributes:project_id"] = s.projectId;
  }
  if (atLeast(o.mv, 3, 14)) body.group_snapshot_id = null;
  if (atLeast(o.mv, 3, 41)) body.user_id = s.userId;
  return body;
}

/** An attachment of the attachment API (attachment-show-response.json). */
export function renderAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    status: a.status,
    instance: a.instanceId,
    volume_id: a.volumeId,
    attach_mode: a.attachMode,
    attached_at: cinderTime(a.attachTime),
    detached_at: cinderTime(a.detachTime),
    connection_info: a.connectionInfo ?? {},
  };
}
