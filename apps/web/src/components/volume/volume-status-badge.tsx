import { useTranslations } from "next-intl";
import { ToneBadge } from "@/components/tone-badge";
import { volumeStatusText, volumeTone } from "@/lib/volume/volume-status";

/** A volume's (or snapshot's, backup's) status; transitional ones spin. */
export function VolumeStatusBadge({ status }: { status: string }) {
  const t = useTranslations("volume");
  return <ToneBadge tone={volumeTone(status)}>{volumeStatusText(t, status)}</ToneBadge>;
}
