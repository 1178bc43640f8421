import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { humanize } from "@/lib/compute/instance-actions";
import { useStateLabels } from "@/lib/compute/state-labels";
import { networkStatusLabel } from "@/lib/network/network-status";
import { volumeStatusText } from "@/lib/volume/volume-status";
import type { SearchKind } from "./resource-kinds";

/**
 * A search hit's status in the reader's language, with the words each
 * resource's own table uses (compute states, Cinder and Neutron statuses,
 * enabled/disabled), so the palette and the lists never disagree.
 */
export function usePaletteStatusLabel(): (kind: SearchKind, status: string) => string {
  const states = useStateLabels();
  const tVolume = useTranslations("volume");
  const tNetwork = useTranslations("network.status");
  const tCommon = useTranslations("common");
  return useCallback(
    (kind: SearchKind, status: string): string => {
      switch (kind) {
        case "instance":
          return states.instanceStatus(status);
        case "image":
          return states.imageStatus(status);
        case "volume":
          return volumeStatusText(tVolume, status);
        case "network":
        case "router":
        case "floatingIp":
          // Unknown statuses read as Neutron's word, humanized (as NetworkStatusBadge does).
          return tNetwork("label", { status, label: networkStatusLabel(status) });
        case "project":
        case "user":
          if (status === "enabled") return tCommon("enabled");
          if (status === "disabled") return tCommon("disabled");
          return humanize(status);
        case "securityGroup":
        case "keyPair":
          // The BFF sends no status for these; a newer one would be a code, shown humanized.
          return humanize(status);
      }
    },
    [states, tVolume, tNetwork, tCommon],
  );
}
