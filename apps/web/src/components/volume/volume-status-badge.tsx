import { ToneBadge } from "@/components/tone-badge";
import { volumeStatusLabel, volumeTone } from "@/lib/volume/volume-status";

/** A volume's (or snapshot's, backup's) status; transitional ones spin. */
export function VolumeStatusBadge({ status }: { status: string }) {
  return <ToneBadge tone={volumeTone(status)}>{volumeStatusLabel(status)}</ToneBadge>;
}
