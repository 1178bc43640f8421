import { Link2, type LucideIcon, Trash2, Unlink } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type FloatingIpsT = ReturnType<typeof useTranslations<"network.floatingIps">>;
export type FloatingIpMenuAction = "associate" | "disassociate" | "release";

export const FLOATING_IP_ICONS: Record<FloatingIpMenuAction, LucideIcon> = {
  associate: Link2,
  disassociate: Unlink,
  release: Trash2,
};

/**
 * A floating IP's actions, for its row and the command palette: associate
 * when it is free, disassociate when it is on a port (each says why not
 * otherwise), release always.
 */
export function floatingIpMenuItems(
  t: FloatingIpsT,
  fip: { portId: string | null },
  open: (action: FloatingIpMenuAction) => void,
): RowMenuItem[] {
  const associated = fip.portId !== null;
  return [
    {
      key: "associate",
      label: t("associate"),
      disabledReason: associated ? t("menu.alreadyAssociated") : null,
      onSelect: () => open("associate"),
    },
    {
      key: "disassociate",
      label: t("disassociate"),
      disabledReason: associated ? null : t("menu.notAssociated"),
      onSelect: () => open("disassociate"),
    },
    { key: "release", label: t("release"), danger: true, onSelect: () => open("release") },
  ];
}
