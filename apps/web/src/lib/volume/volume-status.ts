import type { useTranslations } from "next-intl";
import type { AppMessages } from "@/i18n/catalog";
import type { Formatter } from "@/i18n/format";
import type { StatusTone } from "@/lib/compute/instance-status";

/** The volume area's messages in the reader's language (`useTranslations("volume")`). */
export type VolumeT = ReturnType<typeof useTranslations<"volume">>;

const TONES: Record<string, StatusTone> = {
  available: "success",
  "in-use": "success",
  creating: "busy",
  downloading: "busy",
  uploading: "busy",
  attaching: "busy",
  detaching: "busy",
  reserved: "busy",
  extending: "busy",
  deleting: "busy",
  "backing-up": "busy",
  "restoring-backup": "busy",
  retyping: "busy",
  maintenance: "warning",
  "awaiting-transfer": "warning",
  error: "danger",
  error_deleting: "danger",
  error_extending: "danger",
  error_restoring: "danger",
  error_backing_up: "danger",
  error_managing: "danger",
};

/** Tone of a Cinder volume, snapshot or backup status. */
export function volumeTone(status: string): StatusTone {
  return TONES[status] ?? (status.startsWith("error") ? "danger" : "muted");
}

type StatusKey = keyof AppMessages["volume"]["status"];

/** Cinder's volume, snapshot and backup statuses, as message keys. */
const STATUS_KEYS: Record<string, StatusKey> = {
  available: "available",
  "in-use": "inUse",
  creating: "creating",
  downloading: "downloading",
  uploading: "uploading",
  attaching: "attaching",
  detaching: "detaching",
  reserved: "reserved",
  extending: "extending",
  deleting: "deleting",
  "backing-up": "backingUp",
  restoring: "restoring",
  "restoring-backup": "restoringBackup",
  retyping: "retyping",
  maintenance: "maintenance",
  "awaiting-transfer": "awaitingTransfer",
  error: "error",
  error_deleting: "errorDeleting",
  error_extending: "errorExtending",
  error_restoring: "errorRestoring",
  error_backing_up: "errorBackingUp",
  error_managing: "errorManaging",
  unmanaging: "unmanaging",
};

/** "error_deleting" → "Error deleting"; a status newer than this list still reads as words. */
function humanizeStatus(status: string): string {
  const words = status.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A Cinder status in the reader's language: "in-use" → "In use" / "使用中". */
export function volumeStatusText(t: VolumeT, status: string): string {
  const key = STATUS_KEYS[status];
  return key ? t(`status.${key}`) : t("status.unknown", { status: humanizeStatus(status) });
}

/** What the user may do with a volume in this status, and why not otherwise (in the reader's language). */
export function volumeBlockedReason(
  t: VolumeT,
  action: "extend" | "attach" | "delete" | "snapshot" | "upload" | "transfer",
  volume: { status: string; attachments: readonly unknown[] },
): string | null {
  const s = volume.status;
  const attached = volume.attachments.length > 0;
  switch (action) {
    case "extend":
      return s === "available" || s === "in-use" ? null : t("blocked.extend");
    case "attach":
      return s === "available" ? null : t("blocked.attach");
    case "delete":
      if (attached) return t("blocked.detachFirst");
      return ["available", "error", "error_restoring", "error_extending", "error_managing"].includes(s)
        ? null
        : t("blocked.busy");
    case "snapshot":
    case "upload":
      return s === "available" || s === "in-use" ? null : t("blocked.busy");
    case "transfer":
      return s === "available" ? null : t("blocked.transfer");
  }
}

/**
 * A size in GiB, the number grouped per locale. "GiB" is the IEC symbol,
 * the same in both languages (Intl has no gibibyte unit, and Cinder counts
 * in GiB, so the formatter's "GB" would be wrong).
 */
export function formatGib(format: Formatter, value: number): string {
  return `${format.number(value)} GiB`;
}
