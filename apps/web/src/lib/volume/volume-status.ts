import type { StatusTone } from "@/lib/compute/instance-status";

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

const LABELS: Record<string, string> = {
  "in-use": "In use",
  "awaiting-transfer": "Awaiting transfer",
  "backing-up": "Backing up",
  "restoring-backup": "Restoring backup",
  downloading: "Downloading image",
};

/** "error_deleting" → "Error deleting"; "in-use" → "In use". */
export function volumeStatusLabel(status: string): string {
  const known = LABELS[status];
  if (known) return known;
  const words = status.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the user may do with a volume in this status, and why not otherwise. */
export function volumeBlockedReason(
  action: "extend" | "attach" | "delete" | "snapshot" | "upload" | "transfer",
  volume: { status: string; attachments: readonly unknown[] },
): string | null {
  const s = volume.status;
  const attached = volume.attachments.length > 0;
  switch (action) {
    case "extend":
      return s === "available" || s === "in-use"
        ? null
        : "Only an available or in-use volume can be extended.";
    case "attach":
      return s === "available" ? null : "Only an available volume can be attached.";
    case "delete":
      if (attached) return "Detach the volume first.";
      return ["available", "error", "error_restoring", "error_extending", "error_managing"].includes(s)
        ? null
        : "The volume is busy.";
    case "snapshot":
    case "upload":
      return s === "available" || s === "in-use" ? null : "The volume is busy.";
    case "transfer":
      return s === "available" ? null : "Only an available, detached volume can be transferred.";
  }
}

/** GiB with a unit; -1 limits read as unlimited elsewhere. */
export function formatGb(value: number): string {
  return `${value} GiB`;
}
